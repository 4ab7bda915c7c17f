import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator, type Emulator } from "../../emulator";
import { createConsumerProject } from "../../scripts/packed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { processTree } from "../support/process-tree";
import { formatDiagnostics, typecheck } from "./support/typecheck";

/** The README's TypeScript snippets are what users paste: each compiles against the packed package. */
describe("the README's TypeScript snippets", function () {
    this.timeout(10 * 60_000);
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

    it("are there to check", function () {
        assert.ok(snippets.length >= 5, `only ${snippets.length} snippets found`);
    });

    it("each compile with tsc --noEmit in a `pulumi new typescript` project", function () {
        // One module per snippet, so each stands alone as it does in a user's index.ts.
        const files = Object.fromEntries(
            snippets.map((code, index) => [`snippet-${index}.ts`, `${code}\nexport {};\n`]),
        );
        const project = createConsumerProject({
            layout: "template",
            program: "export {};\n",
            files: {
                ...files,
                "tsconfig.snippets.json": JSON.stringify({ extends: "./tsconfig.json", files: Object.keys(files) }),
            },
        });
        const errors = typecheck(project, "tsconfig.snippets.json");
        assert.equal(formatDiagnostics(errors), "", `the README's snippets do not compile`);
    });
});

/** The README's `sh` blocks that hold `marker`, run as a user pastes them, in bash. */
function shellBlocks(marker: string): string[] {
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!).filter((b) => b.includes(marker));
}

/** Asynchronous: the emulator it talks to answers from this process. */
async function bash(script: string): Promise<string> {
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], { timeout: 60_000 });
    return stdout;
}

describe("the README's commands against the emulator", function () {
    const readmeUrl = "http://127.0.0.1:8787";
    let emulator: Emulator;
    let origin: string;

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { hs_test_local: "dev" } });
        origin = new URL(emulator.url).origin;
    });

    after(() => emulator?.close());
    beforeEach(() => emulator.reset());

    /** The block, pointed at this test's emulator instead of the README's port. */
    const at = (block: string) => block.replaceAll(readmeUrl, origin);

    it("call the API with X-API-Key, and show a Bearer token refused", async function () {
        const [block] = shellBlocks("Authorization: Bearer");
        assert.ok(block, "no such block");
        const output = await bash(at(block));
        assert.match(output, /^\{"channels":\[\]/);
        assert.match(output, /"error":"Invalid API key"/);
        assert.deepEqual(
            emulator.requests.map((r) => r.status),
            [200, 401],
        );
    });

    it("drive the control API with the body shapes the README gives", async function () {
        const [block] = shellBlocks("$EMU/faults");
        assert.ok(block, "no such block");
        const reset = 'curl -s -X POST "$EMU/reset"';
        assert.ok(block.trimEnd().endsWith(reset), "the block ends with the reset");
        const output = await bash(at(block.trimEnd().slice(0, -reset.length)));
        assert.match(output, /^\[.*\]$/m, "the request log, a JSON list");

        const [channel] = emulator.channels("dev");
        assert.equal(channel?.name, "ops");
        const call = (method: string, apiPath: string, body?: object) =>
            fetch(`${emulator.url}${apiPath}`, {
                method,
                headers: { "X-API-Key": "hs_test_local" },
                body: body && JSON.stringify(body),
            });
        // The two faults first: their path matches every request under /v1/notification-channels.
        const create = () =>
            call("POST", "/notification-channels", {
                name: "x",
                channel_type: "email",
                config: { recipients: ["a@example.com"] },
            });
        assert.deepEqual([(await create()).status, (await create()).status, (await create()).status], [503, 503, 201]);

        const test = await call("POST", `/notification-channels/${channel!.id}/test`);
        assert.deepEqual(await test.json(), { success: false, error: "Delivery failed: 410 Gone" });

        await bash(at(`EMU=${readmeUrl}/_emulator\n${reset}`));
        assert.deepEqual(emulator.channels(), []);
    });
});

describe("the README's kill_tree", function () {
    it("kills a process and its children that run in process groups of their own", async function () {
        const [block] = shellBlocks("kill_tree()");
        assert.ok(block, "no such block");
        // A parent whose two children each start their own process group (as Pulumi's plugins do) and a grandchild.
        const grandchild =
            'require("child_process").spawn("sleep", ["600"], { stdio: "ignore" }); setInterval(() => {}, 1e3)';
        const parent =
            `for (let i = 0; i < 2; i++) require("child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { detached: true, stdio: "ignore" });` +
            " setInterval(() => {}, 1e3)";
        const root = spawn(process.execPath, ["-e", parent], { stdio: "ignore" });
        const tree = () => processTree(root.pid!).slice(1);
        try {
            for (let tries = 0; tree().length < 4 && tries < 200; tries++) await promisify(setTimeout)(50);
            const started = [root.pid!, ...tree()];
            assert.equal(started.length, 5, "the tree did not start");
            await bash(`${block}\nkill_tree ${root.pid}`);
            assert.deepEqual(started.filter(isRunning), []);
        } finally {
            for (const pid of [root.pid!, ...tree()]) {
                try {
                    process.kill(pid, "SIGKILL");
                } catch {
                    // gone
                }
            }
        }
    });
});

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
    try {
        return !execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" })
            .trim()
            .startsWith("Z");
    } catch {
        return false;
    }
}
