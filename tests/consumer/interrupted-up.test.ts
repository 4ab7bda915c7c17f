import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator, type RecordedRequest } from "../../emulator";
import { createConsumerProject } from "../../scripts/packed-project";
import { pulumiBinDir, repoRoot } from "../../scripts/pulumi-toolchain";
import { tornSidecars } from "../../cli/recover/torn-sidecars";
import { killTree } from "../support/process-tree";
import { consumerStack, emulatorConfig } from "./support/consumer-stack";

/**
 * A project that installed the packed package, a `pulumi up` killed with `kill -9` (the CLI and every plugin process),
 * then, in the project directory, the README's `npx hookstream-pulumi recover --cancel` and `pulumi up`; or, under a
 * slow API with the finishing steps in flight, Pulumi's own `pulumi cancel` and `pulumi up`. Nothing is kept between
 * the killed run and the next but the stack. No channel is duplicated or orphaned.
 */

const programText = () =>
    fs.readFileSync(path.join(repoRoot, "tests", "e2e", "programs", "channels", "index.ts"), "utf8");
const apiKey = "hs_test_" + "c0ffee".repeat(10) + "c0ff";
const channels = Object.fromEntries(
    Array.from({ length: 15 }, (_, i) => [
        `ops-${i}`,
        { channelType: "webhook", config: { url: `https://ops.example.com/hooks/${i}` } },
    ]),
);

describe("a killed `pulumi up` in a user's project, then the README's commands or Pulumi's", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    let stack: Stack;
    let project: string;
    let backendDir: string;
    let env: NodeJS.ProcessEnv;
    let onAnswered: ((request: RecordedRequest) => void) | undefined;

    before(async function () {
        emulator = await startEmulator({
            apiKeys: { [apiKey]: "prod" },
            latencyMs: 150,
            onRequest: (request) => onAnswered?.(request),
        });
        project = createConsumerProject({ layout: "template", program: programText() });
        ({ stack, backendDir } = await consumerStack(project, {
            stackName: "prod",
            config: { ...emulatorConfig(emulator, apiKey), channels: { value: JSON.stringify(channels) } },
        }));
        env = { ...process.env, ...(stack.workspace as LocalWorkspace).envVars };
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    const pulumi = async (args: string[]) =>
        promisify(execFile)(path.join(await pulumiBinDir(), "pulumi"), args, { cwd: project, env });
    const pendingOperations = async () =>
        JSON.parse((await pulumi(["stack", "export"])).stdout).deployment.pending_operations as unknown[];

    /** One channel per declared resource, under its declared name, each the one state records; a clean preview. */
    async function assertOneEach(result: {
        summary: { result?: string };
        outputs: Record<string, { value: unknown }>;
    }) {
        assert.equal(result.summary.result, "succeeded");
        const held = emulator.channels("prod");
        assert.deepEqual(held.map((c) => c.name).sort(), Object.keys(channels).sort());
        const ids = Object.values(result.outputs.ids!.value as Record<string, string>).sort();
        assert.deepEqual(held.map((c) => c.id).sort(), ids);
        await stack.preview({ expectNoChanges: true });
    }

    it("`recover --cancel` and `pulumi up` end with one channel per declared resource", async function () {
        const up = spawn(path.join(await pulumiBinDir(), "pulumi"), ["up", "--yes", "--skip-preview"], {
            cwd: project,
            env,
            stdio: "ignore",
        });
        let answeredPosts = 0;
        let killed = false;
        onAnswered = (request) => {
            if (killed || request.method !== "POST" || ++answeredPosts < 6) return;
            killed = true;
            killTree(up.pid!);
        };
        await new Promise((resolve) => up.once("exit", resolve));
        onAnswered = undefined;
        assert.ok(killed, "the up finished before it could be killed");
        // A kill inside the file backend's write of the checkpoint can leave it unreadable (docs/recovery.md); then
        // the dry run can only say so.
        const pending = await pendingOperations().catch((error: Error) => {
            assert.match(error.message, /failed to load checkpoint: EOF/);
            return undefined;
        });
        assert.ok(pending === undefined || pending.length > 0, "the kill left pending creates");

        // A dry run says what it would do and changes nothing.
        const dryRun = await promisify(execFile)("npx", ["hookstream-pulumi", "recover", "--dry-run"], {
            cwd: project,
            env,
        }).catch((error: { stdout: string; stderr: string; code: number }) => error);
        if (pending === undefined) {
            assert.equal("code" in dryRun ? dryRun.code : 0, 1, dryRun.stderr);
            assert.match(dryRun.stderr, /dry run: the stack cannot be read until those files are removed/);
        } else {
            assert.equal("code" in dryRun ? dryRun.code : 0, 0, dryRun.stderr);
            assert.match(dryRun.stderr, /recorded +ops-\d+ \(NotificationChannel\) as \w+: its name carries/);
            assert.match(dryRun.stderr, /dry run: the stack was not changed/);
            assert.deepEqual(await pendingOperations(), pending);
        }

        // The README's commands, in the project directory, with the user's PATH: npx finds the package's bin.
        const recovered = await promisify(execFile)("npx", ["hookstream-pulumi", "recover", "--cancel"], {
            cwd: project,
            env,
        }).catch((error: { stdout: string; stderr: string; code: number }) => error);
        assert.equal("code" in recovered ? recovered.code : 0, 0, recovered.stderr);
        assert.match(recovered.stderr, /recorded in the stack/);

        await assertOneEach(await stack.up());
    });

    it("killed with the finishing steps in flight under 1.5 s writes, `pulumi cancel` and `pulumi up` duplicate nothing", async function () {
        await stack.destroy();
        emulator.reset();
        emulator.setLatency({ writeLatencyMs: 1500 });
        try {
            const up = spawn(path.join(await pulumiBinDir(), "pulumi"), ["up", "--yes", "--skip-preview"], {
                cwd: project,
                env,
                stdio: "ignore",
            });
            let exited = false;
            up.once("exit", () => (exited = true));
            // Requests are recorded as they arrive, with status 0 until answered: kill with four PATCHes in flight.
            while (!exited && emulator.requests.filter((r) => r.method === "PATCH" && r.status === 0).length < 4) {
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
            assert.equal(exited, false, "the up finished before it could be killed");
            killTree(up.pid!);
            await new Promise((resolve) => up.once("exit", resolve));
            // hookstream carries out the PATCHes in flight after the kill.
            await new Promise((resolve) => setTimeout(resolve, 2000));
        } finally {
            emulator.setLatency({ writeLatencyMs: 0 });
        }
        // Pulumi's own commands cannot read a checkpoint whose metadata the kill tore (docs/recovery.md): what
        // `recover` removes first is removed here too.
        for (const file of tornSidecars(backendDir)) fs.rmSync(file);
        await pulumi(["cancel", "--yes"]);
        await assertOneEach(await stack.up());
    });
});
