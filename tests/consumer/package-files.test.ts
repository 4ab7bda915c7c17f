import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packTarball } from "../../scripts/packed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";

/** What the tarball holds: every entry point package.json names, the documents a user reads, and nothing else. */

interface Manifest {
    main: string;
    types: string;
    bin: Record<string, string>;
    exports: Record<string, string | Record<string, string>>;
}

describe("the packed tarball's files", function () {
    this.timeout(5 * 60_000);
    let files: string[];
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as Manifest;

    before(function () {
        files = execFileSync("tar", ["-tzf", packTarball()], { encoding: "utf8" })
            .trim()
            .split("\n")
            .map((entry) => entry.replace(/^package\//, ""));
    });

    it("holds package.json, README.md, LICENSE and CHANGELOG.md", function () {
        for (const file of ["package.json", "README.md", "LICENSE", "CHANGELOG.md"]) {
            assert.ok(files.includes(file), `${file} is missing`);
        }
    });

    it("holds the provider's entry point with its declarations", function () {
        for (const file of ["dist/provider/index.js", "dist/provider/index.d.ts"]) {
            assert.ok(files.includes(file), `${file} is missing`);
        }
    });

    it("holds every file package.json points at: main, types, each export and each bin", function () {
        const targets = [
            manifest.main,
            manifest.types,
            ...Object.values(manifest.bin),
            ...Object.values(manifest.exports).flatMap((target) =>
                typeof target === "string" ? [target] : Object.values(target),
            ),
        ].map((target) => path.posix.normalize(target));
        assert.ok(targets.length >= 12, "the shim, runtime, emulator and both bins are named");
        for (const target of targets) assert.ok(files.includes(target), `${target} is missing`);
    });

    it("holds no source maps, tests or TypeScript sources", function () {
        const unwanted = files.filter(
            (file) =>
                file.endsWith(".map") || file.startsWith("tests/") || (file.endsWith(".ts") && !file.endsWith(".d.ts")),
        );
        assert.deepEqual(unwanted, []);
    });
});
