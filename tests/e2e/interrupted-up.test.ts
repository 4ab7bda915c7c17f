import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator, type RecordedRequest } from "../../emulator";
import { markerIn } from "../../provider/core/create-token";
import { repoRoot } from "../support/provider-host";
import { killTree } from "../support/process-tree";
import { exportStoredState, pulumiBinDir, pulumiEnv, temporaryDir, testStack } from "../support/pulumi";

/**
 * A `pulumi up` killed with SIGKILL (CLI and plugins) at several points, then the recovery the README gives:
 * `hookstream-pulumi recover --cancel` and `pulumi up`. Each case ends with exactly one channel and rule per declared
 * resource, none orphaned, none duplicated, nothing marked, and a clean preview. Two stacks sharing a project and
 * declaring the same names stay apart: a look-alike is never taken.
 */

const program = path.join(__dirname, "programs", "alerting");
const cli = path.join(repoRoot, "dist", "cli", "index.js");
const webhookSecret = "whsec-interrupted-up-never-in-state";

// 14 channels and 5 rules: 19 resources, each a POST and a finishing PATCH.
const channels = Object.fromEntries([
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
const rules = {
    failures: { ruleType: "failure_rate", ruleConfig: { threshold: 0.1 }, channels: ["hook-0", "mail"] },
    backlog: { ruleType: "dlq", ruleConfig: { threshold: 5 }, channels: ["chat", "hook-1"] },
    slow: { ruleType: "latency", ruleConfig: { thresholdMs: 2000 }, channels: ["hook-2"] },
    quiet: { ruleType: "volume_drop", ruleConfig: { threshold: 0.5 }, channels: ["mail-quiet"], enabled: false },
    issues: { ruleType: "issue_opened", channels: ["chat-2", "hook-3"] },
};
const declaredNames = [...Object.keys(channels), ...Object.keys(rules)].sort();

interface Deployment {
    stack: Stack;
    backendDir: string;
    journal: string;
}

interface Outcome {
    code: number | null;
    output: string;
}

describe("an up killed halfway, then `hookstream-pulumi recover` and `pulumi up`", function () {
    this.timeout(30 * 60_000);
    let emulator: Emulator;
    /** Called once each request is answered; a case sets it to kill at its chosen point. */
    let onAnswered: ((request: RecordedRequest) => void) | undefined;
    let keyCount = 0;
    const projects = Array.from({ length: 12 }, (_, i) => ({
        apiKey: "hs_test_" + (i + 1).toString(16).padStart(4, "0").repeat(16),
        project: `interrupted-${i + 1}`,
    }));
    const stacks: Stack[] = [];

    before(async function () {
        emulator = await startEmulator({
            apiKeys: Object.fromEntries(projects.map(({ apiKey, project }) => [apiKey, project])),
            // Slow enough that an up takes seconds, so a timed kill lands in the middle of it.
            latencyMs: 120,
            onRequest: (request) => onAnswered?.(request),
        });
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

    async function deployment(name: string, apiKey: string, backendDir?: string): Promise<Deployment> {
        const journal = temporaryDir("hookstream-journal");
        const created = await testStack({
            workDir: program,
            stackName: name,
            ...(backendDir === undefined ? {} : { backendDir }),
            env: { HOOKSTREAM_CREATE_JOURNAL: journal },
        });
        stacks.push(created.stack);
        await created.stack.setAllConfig({
            "hookstream:apiKey": { value: apiKey, secret: true },
            "hookstream:baseUrl": { value: emulator.url },
            webhookSecret: { value: webhookSecret, secret: true },
            channels: { value: JSON.stringify(channels) },
            rules: { value: JSON.stringify(rules) },
        });
        return { ...created, journal };
    }

    async function env(deployed: Deployment, journal = deployed.journal): Promise<NodeJS.ProcessEnv> {
        return { ...process.env, ...(await pulumiEnv(deployed.backendDir)), HOOKSTREAM_CREATE_JOURNAL: journal };
    }

    /** `pulumi up` as a CI job runs it; `killWhen` decides, request by request, when the job is killed. */
    async function interruptedUp(deployed: Deployment, killWhen: (request: RecordedRequest) => boolean) {
        const child = spawn(
            path.join(await pulumiBinDir(), "pulumi"),
            ["up", "--yes", "--skip-preview", "--stack", deployed.stack.name],
            { cwd: program, env: await env(deployed), stdio: "ignore" },
        );
        let killed = false;
        onAnswered = (request) => {
            if (killed || !killWhen(request)) return;
            killed = true;
            killTree(child.pid!);
        };
        const code = await exited(child);
        onAnswered = undefined;
        assert.ok(killed, `the up ended (exit ${code}) before the point it was to be killed at`);
    }

    async function recover(deployed: Deployment, args: string[] = [], journal?: string): Promise<Outcome> {
        const child = spawn(
            process.execPath,
            [cli, "recover", "--stack", deployed.stack.name, "--cwd", program, "--cancel", "--wait", "1", ...args],
            { env: await env(deployed, journal), stdio: ["ignore", "pipe", "pipe"] },
        );
        let output = "";
        child.stdout!.on("data", (data: Buffer) => (output += data.toString()));
        child.stderr!.on("data", (data: Buffer) => (output += data.toString()));
        return { code: await exited(child), output };
    }

    /** The state and hookstream agree, one object per declared resource, none marked, nothing pending. */
    async function assertRecovered(deployed: Deployment, project: string, others: string[] = [], context = "") {
        const result = await deployed.stack.up();
        assert.equal(result.summary.result, "succeeded");
        const exported = await exportStoredState(deployed.stack);
        assert.equal(exported.includes(webhookSecret), false, "the webhook secret is in state");
        const { deployment: stored } = JSON.parse(exported) as {
            deployment: { resources: { type: string; id?: string }[]; pending_operations?: unknown[] };
        };
        assert.deepEqual(stored.pending_operations ?? [], []);
        const inState = stored.resources
            .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/hookstream:"))
            .map((r) => r.id!)
            .sort();
        const held = [...emulator.channels(project), ...emulator.alertRules(project)].filter(
            (object) => !others.includes(object.id),
        );
        assert.deepEqual(
            held.map((object) => object.id).sort(),
            inState,
            `hookstream holds exactly what state knows\n${context}\nheld: ${held.map((o) => `${o.id} ${o.name}`).join(", ")}`,
        );
        assert.deepEqual(
            held.map((object) => object.name).sort(),
            declaredNames,
            "one object per declared resource, under its declared name",
        );
        assert.equal(held.filter((object) => markerIn(object.name) !== undefined).length, 0);
        assert.deepEqual(emulator.danglingReferences(), []);
        await deployed.stack.preview({ expectNoChanges: true });
    }

    const posts = (request: RecordedRequest) => request.method === "POST" && !request.path.endsWith("/test");
    function nth(n: number, matches: (request: RecordedRequest) => boolean) {
        let seen = 0;
        return (request: RecordedRequest) => matches(request) && ++seen === n;
    }

    for (const [label, killWhen] of [
        ["the first POST is answered", nth(1, posts)],
        ["the seventh POST is answered", nth(7, posts)],
        ["the first alert rule's POST is answered", nth(1, (r) => posts(r) && r.path.includes("alert-rules"))],
        ["the fourth finishing PATCH is answered", nth(4, (r) => r.method === "PATCH")],
        ["30 requests were answered", nth(30, () => true)],
    ] as const) {
        it(`recovers when killed as ${label}`, async function () {
            const { apiKey, project } = newProject();
            const deployed = await deployment(`killed-${keyCount}`, apiKey);
            await interruptedUp(deployed, killWhen);
            const recovered = await recover(deployed);
            assert.equal(recovered.code, 0, recovered.output);
            assert.match(recovered.output, /pending create\(s\) of pulumi-hookstream resources/);
            assert.equal(recovered.output.includes(webhookSecret), false);
            await assertRecovered(deployed, project);
        });
    }

    it("recovers a POST still in flight when the up was killed (hookstream stores it afterwards)", async function () {
        const { apiKey, project } = newProject();
        const deployed = await deployment(`in-flight-${keyCount}`, apiKey);
        emulator.inject({ action: { type: "latency", ms: 2500 }, method: "POST", path: "/notification-channels" });
        const child = spawn(
            path.join(await pulumiBinDir(), "pulumi"),
            ["up", "--yes", "--skip-preview", "--stack", deployed.stack.name],
            { cwd: program, env: await env(deployed), stdio: "ignore" },
        );
        // Killed as soon as the slow POST has arrived, before hookstream has stored anything.
        while (!emulator.requests.some((r) => r.fault === "latency")) await new Promise((r) => setTimeout(r, 10));
        const stored = emulator.channels(project).length;
        killTree(child.pid!);
        await exited(child);
        const recovered = await recover(deployed, ["--wait", "4"]);
        assert.equal(recovered.code, 0, recovered.output);
        assert.ok(emulator.channels(project).length > stored, "the slow POST was carried out after the kill");
        assert.match(recovered.output, /recorded .* its name carries this create's token/);
        await assertRecovered(deployed, project, [], recovered.output);
    });

    it("recovers when the kill also tore the file backend's metadata (every pulumi command failing with EOF)", async function () {
        const { apiKey, project } = newProject();
        const deployed = await deployment(`torn-${keyCount}`, apiKey);
        await interruptedUp(deployed, nth(7, posts));
        // What a kill inside the file backend's write of a checkpoint leaves: its sidecar truncated, not yet
        // rewritten, beside an intact checkpoint (cli/recover/torn-sidecars.ts).
        const sidecar = fs
            .readdirSync(path.join(deployed.backendDir, ".pulumi", "stacks"), { recursive: true, encoding: "utf8" })
            .find((file) => path.basename(file) === `${deployed.stack.name}.json.attrs`);
        assert.ok(sidecar !== undefined, "the checkpoint has a sidecar");
        fs.truncateSync(path.join(deployed.backendDir, ".pulumi", "stacks", sidecar), 0);
        await assert.rejects(deployed.stack.exportStack(), /failed to load checkpoint: EOF/);

        const dryRun = await recover(deployed, ["--dry-run"]);
        assert.equal(dryRun.code, 1, dryRun.output);
        assert.match(dryRun.output, /dry run: .*empty metadata files/);
        const recovered = await recover(deployed);
        assert.equal(recovered.code, 0, recovered.output);
        assert.match(recovered.output, /removed empty metadata files .*\.json\.attrs/);
        assert.match(recovered.output, /removed the interrupted update's lock/);
        assert.match(recovered.output, /pending create\(s\) of pulumi-hookstream resources/);
        await assertRecovered(deployed, project, [], recovered.output);
    });

    it("without this machine's journal (the up ran elsewhere), asks rather than guesses, then recovers", async function () {
        const { apiKey, project } = newProject();
        const deployed = await deployment(`elsewhere-${keyCount}`, apiKey);
        // Killed once a name is final but before the engine can have saved the id: only the journal knows it.
        await interruptedUp(
            deployed,
            nth(3, (r) => r.method === "PATCH"),
        );
        const elsewhere = temporaryDir("hookstream-journal-elsewhere");
        const asked = await recover(deployed, [], elsewhere);
        let context = asked.output;
        const undecided = [...asked.output.matchAll(/undecided +(\S+) \(\w+\): .*?\((\w+) "/g)];
        if (undecided.length === 0) {
            // The engine saved every finished create before the kill: nothing is left to ask about.
            assert.equal(asked.code, 0, asked.output);
        } else {
            assert.equal(asked.code, 1, asked.output);
            assert.match(
                asked.output,
                /nothing was changed, the stack's lock included .*: \d+ pending create\(s\) need a decision first/,
            );
            // The README's next command cannot run before the decision, so it cannot create these a second time.
            const held = emulator.channels(project).length + emulator.alertRules(project).length;
            const premature = await deployed.stack.up().then(
                () => "succeeded",
                (error: unknown) => String(error),
            );
            assert.match(premature, /locked/);
            assert.equal(emulator.channels(project).length + emulator.alertRules(project).length, held);
            const assign = undecided.flatMap(([, name, id]) => ["--assign", `${name}=${id}`]);
            const decided = await recover(deployed, assign, elsewhere);
            assert.equal(decided.code, 0, decided.output);
            context += decided.output;
        }
        await assertRecovered(deployed, project, [], context);
    });

    it("keeps two stacks that share a project and declare the same names apart", async function () {
        const { apiKey, project } = newProject();
        const first = await deployment(`first-${keyCount}`, apiKey);
        const firstUp = await first.stack.up();
        assert.equal(firstUp.summary.result, "succeeded");
        const firstIds = [...emulator.channels(project), ...emulator.alertRules(project)].map((o) => o.id);

        const second = await deployment(`second-${keyCount}`, apiKey, first.backendDir);
        await interruptedUp(second, nth(5, posts));
        const recovered = await recover(second);
        assert.equal(recovered.code, 0, recovered.output);
        await assertRecovered(second, project, firstIds);
        // The first stack lost nothing and changed nothing.
        const stillFirst = [...emulator.channels(project), ...emulator.alertRules(project)].filter((o) =>
            firstIds.includes(o.id),
        );
        assert.equal(stillFirst.length, firstIds.length);
        await first.stack.preview({ expectNoChanges: true });

        const secondIds = [...emulator.channels(project), ...emulator.alertRules(project)]
            .map((o) => o.id)
            .filter((id) => !firstIds.includes(id));
        // Run where its journal is not: the other stacks' look-alikes are never taken, only asked about.
        const third = await deployment(`third-${keyCount}`, apiKey, first.backendDir);
        await interruptedUp(third, nth(1, posts));
        const asked = await recover(third, [], temporaryDir("hookstream-journal-elsewhere"));
        let context = asked.output;
        // Deciding as a person would, knowing which object is whose: this stack's own, if one is among the
        // candidates (a create finished but not saved), else none of them.
        const others = new Set([...firstIds, ...secondIds]);
        const decisions = [...asked.output.matchAll(/undecided +(\S+) \(\w+\): .*$/gm)].flatMap(([line, name]) => {
            const candidates = [...line.matchAll(/(\w{32}) "/g)].map(([, id]) => id!);
            assert.ok(candidates.length > 0, line);
            const own = candidates.filter((id) => !others.has(id));
            assert.ok(own.length <= 1, line);
            return own.length === 1 ? ["--assign", `${name}=${own[0]}`] : ["--discard", name!];
        });
        if (decisions.length > 0) {
            assert.equal(asked.code, 1, asked.output);
            const decided = await recover(third, decisions, temporaryDir("hookstream-journal-elsewhere"));
            assert.equal(decided.code, 0, decided.output);
            context += decided.output;
        } else {
            assert.equal(asked.code, 0, asked.output);
        }
        // Had any recovery taken another stack's object, this stack's state would hold it: it must not.
        await assertRecovered(third, project, [...firstIds, ...secondIds], context);
    });
});

function exited(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}
