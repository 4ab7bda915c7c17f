import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertBuilt, launcher } from "../../support/native-host";

const made: string[] = [];

function tempDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
}

/** A directory for PATH holding only the tools the launcher needs besides node, and optionally a `node`. */
function pathWith(node?: string): string {
    const dir = tempDir("hookstream-launcher-");
    for (const tool of ["dirname", "readlink"]) {
        const found = spawnSync("sh", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
        fs.symlinkSync(found, path.join(dir, tool));
    }
    if (node !== undefined) fs.writeFileSync(path.join(dir, "node"), node, { mode: 0o755 });
    return dir;
}

function runLauncher(pathDir: string) {
    return spawnSync(launcher, ["127.0.0.1:1"], { env: { PATH: pathDir }, encoding: "utf8", timeout: 10_000 });
}

describe("bin/pulumi-resource-hookstream", function () {
    before(assertBuilt);

    after(function () {
        for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("fails with a message naming Node.js when no node is on PATH", function () {
        const result = runLauncher(pathWith());
        assert.equal(result.status, 1);
        assert.match(result.stderr, /Node\.js was not found on PATH; install Node\.js 22\.19 or later/);
    });

    it("fails with the required and the found version when the node on PATH is too old", function () {
        // The real Node, reporting itself as 20.1.0.
        const preload = path.join(tempDir("hookstream-old-node-"), "old.js");
        fs.writeFileSync(preload, 'Object.defineProperty(process.versions, "node", { value: "20.1.0" });\n');
        const result = runLauncher(pathWith(`#!/bin/sh\nexec "${process.execPath}" --require "${preload}" "$@"\n`));
        assert.equal(result.status, 1);
        assert.match(result.stderr, /requires Node\.js >= 22\.19\.0; this is Node\.js v20\.1\.0/);
    });
});
