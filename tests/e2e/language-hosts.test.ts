import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { pulumiBinDir, pulumiVersionLabel, pythonVirtualenv, temporaryDir, testStack } from "../support/pulumi";

interface LanguageProgram {
    language: string;
    /** A program's files, Pulumi.yaml included, around the given program body. */
    files: (body: string) => Promise<Record<string, string>>;
    /** Reads a plain and a secret config value and exports them. */
    exportsConfig: string;
    /** Bodies that fail: by raising an error the SDK reports, and by exiting with status 3. */
    fails?: { raising: string; exiting: string };
    /** What the program directory needs before its first run, given the CLI's environment. */
    prepare?: (dir: string, env: NodeJS.ProcessEnv) => Promise<void>;
}

const programs: LanguageProgram[] = [
    {
        language: "python",
        files: async (body) => ({
            "Pulumi.yaml": [
                "name: python-probe",
                "runtime:",
                "  name: python",
                "  options:",
                `    virtualenv: ${await pythonVirtualenv()}`,
                "",
            ].join("\n"),
            "__main__.py": ["import sys", "import pulumi", "", body, ""].join("\n"),
        }),
        exportsConfig: [
            "config = pulumi.Config()",
            'pulumi.export("greeting", config.require("greeting") + " from python")',
            'pulumi.export("token", config.require_secret("token"))',
        ].join("\n"),
        fails: { raising: 'raise Exception("probe failure")', exiting: "sys.exit(3)" },
    },
    {
        language: "go",
        files: async (body) => ({
            "Pulumi.yaml": "name: go-probe\nruntime: go\n",
            "go.mod": `module go-probe\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${pulumiVersionLabel()}\n`,
            "main.go": [
                "package main",
                "",
                "import (",
                '\t"errors"',
                '\t"os"',
                "",
                '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"',
                '\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"',
                ")",
                "",
                "var _, _, _ = errors.New, os.Exit, config.New",
                "",
                "func main() {",
                "\tpulumi.Run(func(ctx *pulumi.Context) error {",
                body,
                "\t})",
                "}",
                "",
            ].join("\n"),
        }),
        exportsConfig: [
            '\t\tc := config.New(ctx, "")',
            '\t\tctx.Export("greeting", pulumi.String(c.Require("greeting")+" from go"))',
            '\t\tctx.Export("token", c.RequireSecret("token"))',
            "\t\treturn nil",
        ].join("\n"),
        fails: { raising: '\t\treturn errors.New("probe failure")', exiting: "\t\tos.Exit(3)\n\t\treturn nil" },
        // `pulumi install`: the host's InstallDependencies writes go.sum (`go mod tidy`)
        prepare: async (dir, env) => {
            await promisify(execFile)(path.join(await pulumiBinDir(), "pulumi"), ["install"], { cwd: dir, env });
        },
    },
    {
        language: "yaml",
        files: async (body) => ({ "Pulumi.yaml": `name: yaml-probe\nruntime: yaml\n${body}\n` }),
        exportsConfig: [
            "config:",
            "  greeting:",
            "    type: string",
            "  token:",
            "    type: string",
            "outputs:",
            "  greeting: ${greeting} from yaml",
            "  token: ${token}",
        ].join("\n"),
    },
];

describe("the language hosts scripts/pulumi-cli.sh provides", function () {
    this.timeout(10 * 60_000);
    const token = "probe-token-" + "5".repeat(16);
    const cleanups: (() => Promise<unknown>)[] = [];

    after(async function () {
        for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    });

    /** A stack of the program around body, in a throwaway directory with a throwaway file backend. */
    async function programStack(program: LanguageProgram, body: string): Promise<Stack> {
        const dir = temporaryDir(`${program.language}-program`);
        cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
        for (const [name, content] of Object.entries(await program.files(body))) {
            fs.writeFileSync(path.join(dir, name), content);
        }
        const { stack, backendDir } = await testStack({ workDir: dir });
        cleanups.push(async () => fs.rmSync(backendDir, { recursive: true, force: true }));
        cleanups.push(() => stack.workspace.removeStack(stack.name, { force: true }));
        await program.prepare?.(dir, { ...process.env, ...(stack.workspace as LocalWorkspace).envVars });
        return stack;
    }

    /** The CLI's output of an `up` that must fail (the Automation API's error message carries it). */
    async function failedUp(stack: Stack): Promise<string> {
        const error = await stack.up().then(
            () => assert.fail("the up succeeded"),
            (error: Error) => error,
        );
        return error.message;
    }

    for (const program of programs) {
        it(`runs a ${program.language} program that reads its config and exports it, secret marked`, async function () {
            const stack = await programStack(program, program.exportsConfig);
            await stack.setConfig("greeting", { value: "hello" });
            await stack.setConfig("token", { value: token, secret: true });

            await stack.up();
            const outputs = await stack.outputs();
            assert.deepEqual(outputs.greeting, { value: `hello from ${program.language}`, secret: false });
            assert.deepEqual(outputs.token, { value: token, secret: true });

            const preview = await stack.preview();
            assert.deepEqual(preview.changeSummary, { same: 1 });
        });

        const fails = program.fails;
        if (fails === undefined) continue;

        it(`shows a ${program.language} program's own error, without an exit-code message`, async function () {
            const output = await failedUp(await programStack(program, fails.raising));
            assert.match(output, /probe failure/);
            assert.doesNotMatch(output, /exited with non-zero exit code/);
        });

        it(`reports the exit status of a ${program.language} program that exits with one`, async function () {
            const output = await failedUp(await programStack(program, fails.exiting));
            assert.match(output, /program exited with non-zero exit code: 3/);
        });
    }
});
