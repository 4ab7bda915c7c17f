import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../support/provider-host";
import { pulumiVersionLabel, temporaryDir } from "../support/pulumi";

const run = promisify(execFile);

/**
 * scripts/sdk-gen.sh on a one-resource probe schema (a name, a secret input, an output): each SDK it writes compiles
 * with its language's own tools, against the same Pulumi SDK version as the CLI, and keeps the input secret.
 */
describe("the SDK generator scripts/sdk-gen.sh", function () {
    this.timeout(10 * 60_000);
    const schema = path.join(repoRoot, "tests", "e2e", "programs", "sdk-probe", "schema.json");
    let out: string;

    before(async function () {
        out = temporaryDir("sdk-gen");
        await run("bash", [path.join(repoRoot, "scripts", "sdk-gen.sh"), schema, out]);
    });

    after(function () {
        if (out) fs.rmSync(out, { recursive: true, force: true });
    });

    const read = (...parts: string[]) => fs.readFileSync(path.join(out, ...parts), "utf8");

    it("writes a Go module that requires the CLI's sdk/v3 and builds", async function () {
        const dir = path.join(out, "go");
        assert.match(
            read("go", "go.mod"),
            new RegExp(`^require github\\.com/pulumi/pulumi/sdk/v3 v${pulumiVersionLabel()}$`, "m"),
        );
        const env = { ...process.env, GOFLAGS: "" };
        await run("go", ["mod", "tidy"], { cwd: dir, env });
        await run("go", ["build", "./..."], { cwd: dir, env });
    });

    it("writes a Python package that byte-compiles", async function () {
        const { stdout } = await run("python3", ["-m", "compileall", "-q", path.join(out, "python")]);
        assert.equal(stdout, "");
        assert.ok(fs.existsSync(path.join(out, "python", "pulumi_probe", "__pycache__")));
    });

    it("writes a Node.js package that compiles with the project's tsc", async function () {
        const dir = path.join(out, "nodejs");
        fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
        await run(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", dir]);
        assert.ok(fs.existsSync(path.join(dir, "bin", "thing.js")));
    });

    const secretHandling: [string, string[], RegExp[]][] = [
        [
            "Go",
            ["go", "probe", "thing.go"],
            [/pulumi\.ToSecret\(args\.Secret\)/, /AdditionalSecretOutputs\(\[\]string\{\s*"secret",/],
        ],
        [
            "Python",
            ["python", "pulumi_probe", "thing.py"],
            [/pulumi\.Output\.secret\(secret\)/, /additional_secret_outputs=\["secret"\]/],
        ],
        [
            "Node.js",
            ["nodejs", "thing.ts"],
            [/pulumi\.secret\(args\.secret\)/, /additionalSecretOutputs: \["secret"\]/],
        ],
    ];
    for (const [language, file, patterns] of secretHandling) {
        it(`wraps the secret input as a secret and keeps its output secret in the ${language} SDK`, function () {
            const source = read(...file);
            for (const pattern of patterns) assert.match(source, pattern);
        });
    }

    it("leaves no file of an earlier run behind in a language's folder", async function () {
        fs.writeFileSync(path.join(out, "python", "stale.py"), "");
        await run("bash", [path.join(repoRoot, "scripts", "sdk-gen.sh"), schema, out]);
        assert.equal(fs.existsSync(path.join(out, "python", "stale.py")), false);
    });
});
