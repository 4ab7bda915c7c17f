import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator, type RecordedRequest } from "../../emulator";
import { markerIn } from "../../provider/core/create-token";
import { tornSidecars } from "../../cli/recover/torn-sidecars";
import { createFinishTypeToken } from "../../provider/create-finish/type-token";
import { repoRoot } from "../support/provider-host";
import { killTree } from "../support/process-tree";
import { exportStoredState, pulumiBinDir, pulumiEnv, testStack } from "../support/pulumi";

/**
 * A `pulumi up` killed with SIGKILL (the CLI and every plugin) at every kind of point: as POSTs are answered, while
 * POSTs or the steps that finish creates are still in flight under a slow API (hookstream carries them out after
 * the kill), after 30 requests, in the middle of the rules, during replacements and during deletes. Then what a user
 * runs next, on a runner that kept nothing of the killed one:
 *
 * - `pulumi cancel` and `pulumi up` (what Pulumi's own message says to do);
 * - `pulumi cancel`, `pulumi refresh --clear-pending-creates` and `pulumi up`;
 * - `hookstream-pulumi recover --cancel` and `pulumi up` (the README's two commands).
 *
 * Each ends with exactly one channel and rule per declared resource, none orphaned, none duplicated, nothing marked,
 * state and hookstream agreeing, and a clean preview. Two stacks sharing a project and declaring the same names stay
 * apart: an object is never taken on resemblance.
 */

/** The same program on each host: the dynamic provider's classes, or the native plugin's types by token. */
const programs = {
    dynamic: path.join(__dirname, "programs", "alerting"),
    native: path.join(__dirname, "programs", "alerting-native"),
};
type Host = keyof typeof programs;
const cli = path.join(repoRoot, "dist", "cli", "index.js");
const webhookSecret = "whsec-interrupted-up-never-in-state";
/** A slow API: every write waits this long before hookstream carries it out. */
const slowWritesMs = 1500;

type Declared = Record<string, Record<string, unknown>>;

// 14 channels and 5 rules: 19 resources, each a POST and a finishing PATCH.
const channels: Declared = Object.fromEntries([
    ...Array.from({ length: 10 }, (_, i) => [
        `hook-${i}`,
        {
            channelType: "webhook",
            config: { url: `https://ops.example.com/hooks/${i}`, secret: "$secret:webhookSecret" },
        },
    ]),
    ["mail", { channelType: "email", config: { recipients: ["oncall@example.com"] } }],
    ["mail-quiet", { channelType: "email", config: { recipients: ["quiet@example.com"] }, enabled: false }],
    ["chat", { channelType: "slack", config: { url: "https://hooks.slack.com/services/T0/B0/interrupted" } }],
    ["chat-2", { channelType: "discord", config: { url: "https://discord.com/api/webhooks/1/interrupted" } }],
]);
const rules: Declared = {
    failures: { ruleType: "failure_rate", ruleConfig: { threshold: 0.1 }, channels: ["hook-0", "mail"] },
    backlog: { ruleType: "dlq", ruleConfig: { threshold: 5 }, channels: ["chat", "hook-1"] },
    slow: { ruleType: "latency", ruleConfig: { thresholdMs: 2000 }, channels: ["hook-2"] },
    quiet: { ruleType: "volume_drop", ruleConfig: { threshold: 0.5 }, channels: ["mail-quiet"], enabled: false },
    issues: { ruleType: "issue_opened", channels: ["chat-2", "hook-3"] },
};

interface Deployment {
    host: Host;
    program: string;
    stack: Stack;
    backendDir: string;
    project: string;
    declared: { channels: Declared; rules: Declared };
}

type Recovery = "cancel" | "refresh" | "recover";

const recoveries: Record<Recovery, string> = {
    cancel: "`pulumi cancel` + `pulumi up`",
    refresh: "`pulumi cancel` + `pulumi refresh --clear-pending-creates` + `pulumi up`",
    recover: "`hookstream-pulumi recover --cancel` + `pulumi up`",
};

describe("an up killed at any point, then Pulumi's or our recovery and `pulumi up`", function () {
    this.timeout(30 * 60_000);
    let emulator: Emulator;
    /** Called once each request is answered; a case sets it to kill at its chosen point. */
    let onAnswered: ((request: RecordedRequest) => void) | undefined;
    let keyCount = 0;
    const projects = Array.from({ length: 20 }, (_, i) => ({
        apiKey: "hs_test_" + (i + 1).toString(16).padStart(4, "0").repeat(16),
        project: `interrupted-${i + 1}`,
    }));
    const stacks: Stack[] = [];

    before(async function () {
        emulator = await startEmulator({
            apiKeys: Object.fromEntries(projects.map(({ apiKey, project }) => [apiKey, project])),
            // Slow enough that an up takes seconds, so a kill lands in the middle of it.
            latencyMs: 120,
            onRequest: (request) => onAnswered?.(request),
        });
    });

    afterEach(function () {
        emulator.setLatency({ writeLatencyMs: 0 });
        onAnswered = undefined;
    });

    after(async function () {
        for (const stack of stacks)
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    /** A hookstream project of its own for each case. */
    function newProject(): { apiKey: string; project: string } {
        const next = projects[keyCount++];
        if (next === undefined) throw new Error("add API keys for more cases");
        return next;
    }

    async function deployment(
        name: string,
        { apiKey, project }: { apiKey: string; project: string },
        backendDir?: string,
        host: Host = "dynamic",
    ): Promise<Deployment> {
        const program = programs[host];
        const created = await testStack({
            workDir: program,
            stackName: name,
            ...(backendDir === undefined ? {} : { backendDir }),
        });
        stacks.push(created.stack);
        const deployed = { ...created, host, program, project, declared: { channels, rules } };
        await created.stack.setAllConfig({
            "hookstream:apiKey": { value: apiKey, secret: true },
            "hookstream:baseUrl": { value: emulator.url },
            webhookSecret: { value: webhookSecret, secret: true },
        });
        await declare(deployed, { channels, rules });
        return deployed;
    }

    async function declare(deployed: Deployment, declared: Deployment["declared"]): Promise<void> {
        deployed.declared = declared;
        await deployed.stack.setAllConfig({
            channels: { value: JSON.stringify(declared.channels) },
            rules: { value: JSON.stringify(declared.rules) },
        });
    }

    async function env(deployed: Deployment): Promise<NodeJS.ProcessEnv> {
        return { ...process.env, ...(await pulumiEnv(deployed.backendDir)) };
    }

    /**
     * `pulumi up` as a CI job runs it. `killWhen` decides, request by request as each is answered, when the job is
     * killed; `killWhileInFlight`, polled, kills it while requests have arrived that hookstream has not yet answered.
     */
    async function interruptedUp(
        deployed: Deployment,
        when: {
            killWhen?: (request: RecordedRequest) => boolean;
            killWhileInFlight?: (inFlight: RecordedRequest[]) => boolean;
        },
    ): Promise<void> {
        const child = spawn(
            path.join(await pulumiBinDir(), "pulumi"),
            ["up", "--yes", "--skip-preview", "--stack", deployed.stack.name],
            { cwd: deployed.program, env: await env(deployed), stdio: "ignore" },
        );
        let killed = false;
        const kill = () => {
            if (killed) return;
            killed = true;
            killTree(child.pid!);
        };
        const { killWhen, killWhileInFlight } = when;
        if (killWhen) onAnswered = (request) => killWhen(request) && kill();
        const exit = exited(child);
        let done = false;
        void exit.then(() => (done = true));
        if (killWhileInFlight) {
            while (!done && !killed) {
                // A request is recorded as it arrives, with status 0 until it is answered.
                const inFlight = emulator.requests.filter((r) => r.status === 0 && r.project === deployed.project);
                if (killWhileInFlight(inFlight)) kill();
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
        }
        const code = await exit;
        onAnswered = undefined;
        assert.ok(killed, `the up ended (exit ${code}) before the point it was to be killed at`);
    }

    /** A command of the Pulumi CLI, as the user types it; its output for the assertion messages. */
    async function pulumi(deployed: Deployment, args: string[]): Promise<string> {
        const { stdout, stderr } = await promisify(execFile)(
            path.join(await pulumiBinDir(), "pulumi"),
            [...args, "--stack", deployed.stack.name],
            { cwd: deployed.program, env: await env(deployed), maxBuffer: 64 * 1024 * 1024 },
        );
        return stdout + stderr;
    }

    async function recover(
        deployed: Deployment,
        args: string[] = [],
    ): Promise<{ code: number | null; output: string }> {
        const child = spawn(
            process.execPath,
            [
                cli,
                "recover",
                "--stack",
                deployed.stack.name,
                "--cwd",
                deployed.program,
                "--cancel",
                "--wait",
                "2",
                ...args,
            ],
            { env: await env(deployed), stdio: ["ignore", "pipe", "pipe"] },
        );
        let output = "";
        child.stdout!.on("data", (data: Buffer) => (output += data.toString()));
        child.stderr!.on("data", (data: Buffer) => (output += data.toString()));
        return { code: await exited(child), output };
    }

    /** What the user runs after the kill, before `pulumi up`; its output, for the assertion messages. */
    async function recoverWith(recovery: Recovery, deployed: Deployment): Promise<string> {
        // A kill inside the file backend's write of a checkpoint can leave an empty metadata file, on which every
        // Pulumi command then fails (docs/recovery.md): Pulumi's own recoveries cannot get past it, so it is removed
        // first, as `recover` removes it.
        const torn = recovery === "recover" ? [] : tornSidecars(deployed.backendDir);
        for (const file of torn) fs.rmSync(file);
        const repaired = torn.length > 0 ? `removed the torn metadata ${torn.join(", ")}\n` : "";
        switch (recovery) {
            case "cancel":
                return repaired + (await pulumi(deployed, ["cancel", "--yes"]));
            case "refresh":
                return (
                    repaired +
                    (await pulumi(deployed, ["cancel", "--yes"])) +
                    (await pulumi(deployed, ["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]))
                );
            case "recover": {
                const recovered = await recover(deployed);
                assert.equal(recovered.code, 0, recovered.output);
                assert.equal(recovered.output.includes(webhookSecret), false);
                return recovered.output;
            }
        }
    }

    /** Objects of the deployment's project, less those of other stacks. */
    function held(deployed: Deployment, others: readonly string[]) {
        return [...emulator.channels(deployed.project), ...emulator.alertRules(deployed.project)].filter(
            (object) => !others.includes(object.id),
        );
    }

    /**
     * `pulumi up`, then: state and hookstream agree, one object per declared resource under its declared name, none
     * marked, a finished create step for each, nothing pending, no secret in state, and a clean preview.
     */
    async function assertRecovered(
        deployed: Deployment,
        others: readonly string[] = [],
        context = "",
        recovery: Recovery | undefined = undefined,
    ) {
        const result = await deployed.stack.up();
        assert.equal(result.summary.result, "succeeded", context);
        const exported = await exportStoredState(deployed.stack);
        assert.equal(exported.includes(webhookSecret), false, "the webhook secret is in state");
        const { deployment: stored } = JSON.parse(exported) as {
            deployment: {
                resources: { urn: string; type: string; id?: string; inputs?: Record<string, unknown> }[];
                pending_operations?: { resource: { urn: string } }[];
            };
        };
        // `pulumi up` keeps the pending operations of the killed `up` on record (until a refresh with
        // --clear-pending-creates, or `recover`, clears them); each must stand for a resource now recorded.
        const pendingUrns = (stored.pending_operations ?? []).map((op) => op.resource.urn);
        if (recovery === "cancel") {
            const recorded = new Set(stored.resources.filter((r) => r.id !== undefined).map((r) => r.urn));
            assert.deepEqual(
                pendingUrns.filter((urn) => !recorded.has(urn)),
                [],
                "a pending create stands for no resource",
            );
        } else {
            assert.deepEqual(pendingUrns, [], "nothing is left pending");
        }
        const ofType = (test: (type: string) => boolean) => stored.resources.filter((r) => test(r.type));
        const isObject = (type: string) =>
            deployed.host === "native"
                ? type.startsWith("hookstream:index:")
                : type.startsWith("pulumi-nodejs:dynamic/hookstream:") && type !== createFinishTypeToken;
        const inState = ofType(isObject)
            .map((r) => r.id!)
            .sort();
        const finished = ofType((type) => type === createFinishTypeToken)
            .flatMap((r) => (r.inputs?.members as { objectId: string }[] | undefined) ?? [])
            .map((member) => member.objectId)
            .sort();
        const objects = held(deployed, others);
        const described = `\n${context}\nheld: ${objects.map((o) => `${o.id} ${o.name}`).join(", ")}`;
        assert.deepEqual(
            objects.map((object) => object.id).sort(),
            inState,
            `hookstream holds what state knows${described}`,
        );
        assert.deepEqual(
            objects.map((object) => object.name).sort(),
            [...Object.keys(deployed.declared.channels), ...Object.keys(deployed.declared.rules)].sort(),
            `one object per declared resource, under its declared name${described}`,
        );
        assert.equal(objects.filter((object) => markerIn(object.name) !== undefined).length, 0);
        // The native plugin's create finishes itself: it has no finishing step.
        assert.deepEqual(finished, deployed.host === "native" ? [] : inState, "each object among the finishing step's");
        assert.deepEqual(emulator.danglingReferences(), []);
        await deployed.stack.preview({ expectNoChanges: true });
    }

    const posts = (request: RecordedRequest) => request.method === "POST" && !request.path.endsWith("/test");
    const patches = (request: RecordedRequest) => request.method === "PATCH";
    function nth(n: number, matches: (request: RecordedRequest) => boolean) {
        let seen = 0;
        return (request: RecordedRequest) => matches(request) && ++seen === n;
    }
    const atLeast = (n: number, matches: (request: RecordedRequest) => boolean) => (inFlight: RecordedRequest[]) =>
        inFlight.filter(matches).length >= n;

    interface KillPoint {
        label: string;
        slow?: boolean;
        /** Made anew for each case: a counter must start at zero. */
        killWhen?: () => (request: RecordedRequest) => boolean;
        killWhileInFlight?: (inFlight: RecordedRequest[]) => boolean;
    }

    const killPoints: [KillPoint, Recovery[]][] = [
        [
            {
                label: "while the finishing steps' PATCHes are in flight (1.5 s writes)",
                slow: true,
                killWhileInFlight: atLeast(4, patches),
            },
            ["cancel", "refresh", "recover"],
        ],
        [
            { label: "while POSTs are in flight (1.5 s writes)", slow: true, killWhileInFlight: atLeast(5, posts) },
            ["cancel", "refresh", "recover"],
        ],
        [{ label: "as the first POST is answered", killWhen: () => nth(1, posts) }, ["cancel"]],
        [
            {
                label: "as the first alert rule's POST is answered",
                killWhen: () => nth(1, (r) => posts(r) && r.path.includes("alert-rules")),
            },
            ["refresh"],
        ],
        [{ label: "after 30 requests were answered", killWhen: () => nth(30, () => true) }, ["recover", "cancel"]],
    ];

    for (const [point, recoveryList] of killPoints) {
        for (const recovery of recoveryList) {
            it(`killed ${point.label}: ${recoveries[recovery]} ends with one object per resource`, async function () {
                const deployed = await deployment(`killed-${keyCount}`, newProject());
                if (point.slow) emulator.setLatency({ writeLatencyMs: slowWritesMs });
                await interruptedUp(deployed, {
                    ...(point.killWhen && { killWhen: point.killWhen() }),
                    ...(point.killWhileInFlight && { killWhileInFlight: point.killWhileInFlight }),
                });
                const context = await recoverWith(recovery, deployed);
                await assertRecovered(deployed, [], context, recovery);
            });
        }
    }

    // The native plugin's create takes its marker off itself, before the engine saves the id (docs/recovery.md, "What
    // is left"): only kills before that PATCH are recovered by every recovery, so only those are tried here.
    for (const recovery of ["cancel", "refresh"] as const) {
        it(`native plugin, killed while POSTs are in flight (1.5 s writes): ${recoveries[recovery]} ends with one object per resource`, async function () {
            const deployed = await deployment(`native-${keyCount}`, newProject(), undefined, "native");
            emulator.setLatency({ writeLatencyMs: slowWritesMs });
            await interruptedUp(deployed, { killWhileInFlight: atLeast(5, posts) });
            // Requests in flight, then none: hookstream has carried out what the killed run sent.
            await new Promise((resolve) => setTimeout(resolve, slowWritesMs + 500));
            emulator.setLatency({ writeLatencyMs: 0 });
            const context = await recoverWith(recovery, deployed);
            await assertRecovered(deployed, [], context, recovery);
        });
    }

    for (const recovery of ["cancel", "recover"] as const) {
        it(`killed during replacements (1.5 s writes): ${recoveries[recovery]} leaves no old or new object behind`, async function () {
            const deployed = await deployment(`replaced-${keyCount}`, newProject());
            await assertRecovered(deployed);
            // Five channels change type: each is replaced (the new one created, the rules moved to it, the old deleted).
            const retyped = Object.fromEntries(
                Object.entries(channels).map(([name, args]) =>
                    /^hook-[0-4]$/.test(name)
                        ? [name, { channelType: "email", config: { recipients: [`${name}@example.com`] } }]
                        : [name, args],
                ),
            );
            await declare(deployed, { channels: retyped, rules });
            emulator.setLatency({ writeLatencyMs: slowWritesMs });
            await interruptedUp(deployed, { killWhileInFlight: atLeast(3, posts) });
            const context = await recoverWith(recovery, deployed);
            await assertRecovered(deployed, [], context, recovery);
        });
    }

    it("killed during deletes (1.5 s writes): `pulumi cancel` + `pulumi refresh --clear-pending-creates` + `pulumi up` deletes each once", async function () {
        const deployed = await deployment(`deleted-${keyCount}`, newProject());
        await assertRecovered(deployed);
        const kept = Object.fromEntries(Object.entries(channels).filter(([name]) => !/^hook-[5-9]$/.test(name)));
        await declare(deployed, { channels: kept, rules });
        emulator.setLatency({ writeLatencyMs: slowWritesMs });
        await interruptedUp(deployed, { killWhileInFlight: atLeast(2, (r) => r.method === "DELETE") });
        const context = await recoverWith("refresh", deployed);
        await assertRecovered(deployed, [], context, "refresh");
    });

    it("recovers when the kill also tore the file backend's metadata (every pulumi command failing with EOF)", async function () {
        const deployed = await deployment(`torn-${keyCount}`, newProject());
        await interruptedUp(deployed, { killWhen: nth(7, posts) });
        // What a kill inside the file backend's write of a checkpoint leaves: its sidecar truncated, not yet
        // rewritten, beside an intact checkpoint (cli/recover/torn-sidecars.ts). First only the backup's, which a dry
        // run names and plans past; then the checkpoint's own, which leaves nothing to plan from.
        const stacksDir = path.join(deployed.backendDir, ".pulumi", "stacks");
        const sidecarOf = (blob: string) =>
            fs
                .readdirSync(stacksDir, { recursive: true, encoding: "utf8" })
                .find((file) => path.basename(file) === `${blob}.attrs`);
        const backupSidecar = sidecarOf(`${deployed.stack.name}.json.bak`);
        assert.ok(backupSidecar !== undefined, "the checkpoint's backup has a sidecar");
        fs.truncateSync(path.join(stacksDir, backupSidecar), 0);
        const pastBackup = await recover(deployed, ["--dry-run"]);
        assert.equal(pastBackup.code, 0, pastBackup.output);
        assert.match(pastBackup.output, /dry run: .*empty metadata files.*\.json\.bak\.attrs/);
        assert.match(pastBackup.output, /recorded +\S+ \(NotificationChannel\)/);
        assert.match(pastBackup.output, /dry run: the stack was not changed/);

        const sidecar = sidecarOf(`${deployed.stack.name}.json`);
        assert.ok(sidecar !== undefined, "the checkpoint has a sidecar");
        fs.truncateSync(path.join(stacksDir, sidecar), 0);
        await assert.rejects(deployed.stack.exportStack(), /failed to load checkpoint: EOF/);
        const dryRun = await recover(deployed, ["--dry-run"]);
        assert.equal(dryRun.code, 1, dryRun.output);
        assert.match(dryRun.output, /dry run: the stack cannot be read until those files are removed/);
        const recovered = await recover(deployed);
        assert.equal(recovered.code, 0, recovered.output);
        assert.match(recovered.output, /removed empty metadata files .*\.json\.attrs/);
        assert.match(recovered.output, /removed the interrupted update's lock/);
        assert.match(recovered.output, /pending create\(s\) of pulumi-hookstream resources/);
        await assertRecovered(deployed, [], recovered.output);
    });

    it("keeps two stacks that share a project and declare the same names apart", async function () {
        const shared = newProject();
        const first = await deployment(`first-${keyCount}`, shared);
        await assertRecovered(first);
        const firstIds = held(first, []).map((o) => o.id);

        // Killed with POSTs in flight, then Pulumi's own recovery: nothing of the first stack's is taken.
        const second = await deployment(`second-${keyCount}`, shared, first.backendDir);
        emulator.setLatency({ writeLatencyMs: slowWritesMs });
        await interruptedUp(second, { killWhileInFlight: atLeast(5, posts) });
        emulator.setLatency({ writeLatencyMs: 0 });
        await assertRecovered(second, firstIds, await recoverWith("cancel", second), "cancel");
        const secondIds = held(second, firstIds).map((o) => o.id);

        // Killed with finishing steps in flight, then the README's commands.
        const third = await deployment(`third-${keyCount}`, shared, first.backendDir);
        emulator.setLatency({ writeLatencyMs: slowWritesMs });
        await interruptedUp(third, { killWhileInFlight: atLeast(4, patches) });
        emulator.setLatency({ writeLatencyMs: 0 });
        await assertRecovered(third, [...firstIds, ...secondIds], await recoverWith("recover", third), "recover");

        // The first two lost nothing and changed nothing.
        for (const [stack, ids] of [
            [first, firstIds],
            [second, secondIds],
        ] as const) {
            const still = [...emulator.channels(shared.project), ...emulator.alertRules(shared.project)];
            assert.equal(still.filter((o) => ids.includes(o.id)).length, ids.length);
            await stack.stack.preview({ expectNoChanges: true });
        }
    });
});

function exited(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
