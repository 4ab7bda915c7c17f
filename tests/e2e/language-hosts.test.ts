import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { pulumiVersionLabel, pythonVirtualenv, temporaryDir, testStack } from "../support/pulumi";

interface LanguageProgram {
    language: string;
    /** The program's files, Pulumi.yaml included, keyed by name. */
    files: () => Promise<Record<string, string>>;
    /** What the program directory needs before its first run. */
    prepare?: (dir: string) => Promise<void>;
}

/**
 * Each program reads a plain and a secret config value and exports them, so a run proves the language host starts
 * the program, hands it the stack's configuration (secrets marked as such) and carries its outputs back to the engine.
 */
const programs: LanguageProgram[] = [
    {
        language: "python",
        files: async () => ({
            "Pulumi.yaml": [
                "name: python-probe",
                "runtime:",
                "  name: python",
                "  options:",
                `    virtualenv: ${await pythonVirtualenv()}`,
                "",
            ].join("\n"),
            "__main__.py": [
                "import pulumi",
                "",
                "config = pulumi.Config()",
                'pulumi.export("greeting", config.require("greeting") + " from python")',
                'pulumi.export("token", config.require_secret("token"))',
                "",
            ].join("\n"),
        }),
    },
    {
        language: "go",
        files: async () => ({
            "Pulumi.yaml": "name: go-probe\nruntime: go\n",
            "go.mod": [
                "module go-probe",
                "",
                "go 1.26",
                "",
                `require github.com/pulumi/pulumi/sdk/v3 v${pulumiVersionLabel()}`,
                "",
            ].join("\n"),
            "main.go": [
                "package main",
                "",
                "import (",
                '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
                '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"',
                ")",
                "",
                "func main() {",
                "\tpulumi.Run(func(ctx *pulumi.Context) error {",
                '\t\tc := config.New(ctx, "")',
                '\t\tctx.Export("greeting", pulumi.String(c.Require("greeting")+" from go"))',
                '\t\tctx.Export("token", c.RequireSecret("token"))',
                "\t\treturn nil",
                "\t})",
                "}",
                "",
            ].join("\n"),
        }),
        // go.sum, from the module cache the CLI build filled (the same sdk/v3)
        prepare: async (dir) => {
            await promisify(execFile)("go", ["mod", "tidy"], { cwd: dir, env: { ...process.env, GOFLAGS: "" } });
        },
    },
    {
        language: "yaml",
        files: async () => ({
            "Pulumi.yaml": [
                "name: yaml-probe",
                "runtime: yaml",
                "config:",
                "  greeting:",
                "    type: string",
                "  token:",
                "    type: string",
                "outputs:",
                "  greeting: ${greeting} from yaml",
                "  token: ${token}",
                "",
            ].join("\n"),
        }),
    },
];

describe("the language hosts scripts/pulumi-cli.sh builds", function () {
    this.timeout(10 * 60_000);
    const token = "probe-token-" + "5".repeat(16);
    const cleanups: (() => Promise<unknown>)[] = [];

    after(async function () {
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    });

    for (const program of programs) {
        it(`runs a ${program.language} program that reads its config and exports it, secret marked`, async function () {
            const dir = temporaryDir(`${program.language}-program`);
            cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
            for (const [name, content] of Object.entries(await program.files())) {
                fs.writeFileSync(path.join(dir, name), content);
            }
            await program.prepare?.(dir);
            const { stack, backendDir } = await testStack({ workDir: dir });
            cleanups.push(async () => fs.rmSync(backendDir, { recursive: true, force: true }));
            cleanups.push(() => removeStack(stack));
            await stack.setConfig("greeting", { value: "hello" });
            await stack.setConfig("token", { value: token, secret: true });

            await stack.up();
            const outputs = await stack.outputs();
            assert.deepEqual(outputs.greeting, { value: `hello from ${program.language}`, secret: false });
            assert.deepEqual(outputs.token, { value: token, secret: true });

            const preview = await stack.preview();
            assert.deepEqual(preview.changeSummary, { same: 1 });
        });
    }
});

async function removeStack(stack: Stack): Promise<void> {
    await stack.workspace.removeStack(stack.name, { force: true });
}
