import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { alertRule } from "../../provider/alert-rule/kind";
import { notificationChannel } from "../../provider/notification-channel/kind";
import { repoRoot } from "../support/provider-host";
import { exportStoredState, pulumiBinDir, pulumiEnv, temporaryDir, testStack } from "../support/pulumi";

/**
 * `hookstream-pulumi migrate` through the real CLI: a stack deployed by a TypeScript program on the dynamic provider
 * (programs/alerting) is moved to the native provider, then run by the same program written on the native types
 * (programs/alerting-native, the same Pulumi project, the plugin from bin/ through its `plugins:` entry; build
 * first), and by a YAML program declaring the same resources by type token. The move and the previews after it send
 * hookstream no write, every id stays, no secret is in the state, and the native provider then manages what was
 * moved.
 */

const dynamicProgram = path.join(__dirname, "programs", "alerting");
const nativeProgram = path.join(__dirname, "programs", "alerting-native");
const cli = path.join(repoRoot, "dist", "cli", "index.js");
const stackName = "migrate";
const project = "migrate";
const apiKey = "hs_test_" + "mg".repeat(32);
const webhookSecret = "whsec-migrate-never-in-state";
const slackUrl = "https://hooks.slack.com/services/T000/B000/migrate-slack-token";
const discordUrl = "https://discord.com/api/webhooks/42/migrate-discord-token";
const secrets = [apiKey, webhookSecret, slackUrl, "migrate-slack-token", discordUrl, "migrate-discord-token"];

const channels = {
    ops: { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: "$secret:webhookSecret" } },
    oncall: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
    chat: { channelType: "slack", config: { url: "$secret:slackUrl" } },
    team: { channelType: "discord", config: { url: "$secret:discordUrl" } },
};
const rules = {
    failures: {
        ruleType: "failure_rate",
        ruleConfig: { threshold: 0.1 },
        channels: ["ops", "oncall", "chat", "team"],
    },
    backlog: { ruleType: "dlq", ruleConfig: { threshold: 5 }, cooldownMinutes: 30, channels: ["chat"] },
};

/** The same channels and rules in Pulumi YAML, by type token, the plugin taken from `pluginDir`. */
function yamlProgram(pluginDir: string): string {
    const channel = "hookstream:index:NotificationChannel";
    const rule = "hookstream:index:AlertRule";
    return `name: hookstream-e2e-alerting
runtime: yaml
plugins:
    providers:
        - name: hookstream
          path: ${pluginDir}
config:
    webhookSecret: { type: string, secret: true }
    slackUrl: { type: string, secret: true }
    discordUrl: { type: string, secret: true }
resources:
    ops:
        type: ${channel}
        properties: { channelType: webhook, config: { url: "https://ops.example.com/alerts", secret: "\${webhookSecret}" } }
    oncall:
        type: ${channel}
        properties: { channelType: email, config: { recipients: ["oncall@example.com"] } }
    chat:
        type: ${channel}
        properties: { channelType: slack, config: { url: "\${slackUrl}" } }
    team:
        type: ${channel}
        properties: { channelType: discord, config: { url: "\${discordUrl}" } }
    failures:
        type: ${rule}
        properties:
            ruleType: failure_rate
            ruleConfig: { threshold: 0.1 }
            channelIds: ["\${ops.id}", "\${oncall.id}", "\${chat.id}", "\${team.id}"]
    backlog:
        type: ${rule}
        properties: { ruleType: dlq, ruleConfig: { threshold: 5 }, cooldownMinutes: 30, channelIds: ["\${chat.id}"] }
outputs:
    channelIds: { ops: "\${ops.id}", oncall: "\${oncall.id}", chat: "\${chat.id}", team: "\${team.id}" }
    ruleIds: { failures: "\${failures.id}", backlog: "\${backlog.id}" }
`;
}

interface StoredResource {
    urn: string;
    type: string;
    id?: string;
    provider?: string;
    dependencies?: string[];
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

interface Stored {
    text: string;
    resources: StoredResource[];
}

describe("hookstream-pulumi migrate: a stack moved from the dynamic provider to the native one", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    let dynamicStack: Stack;
    let nativeStack: Stack | undefined;
    let backendDir: string;
    /** Resource name → id, as the dynamic provider created them. */
    let ids: Record<string, string>;

    async function stored(stack: Stack): Promise<Stored> {
        const text = await exportStoredState(stack);
        return {
            text,
            resources: (JSON.parse(text) as { deployment: { resources: StoredResource[] } }).deployment.resources,
        };
    }

    function hookstreamResources(state: Stored): StoredResource[] {
        const tokens = [notificationChannel, alertRule].flatMap((kind) => [kind.tokens.dynamic, kind.tokens.native]);
        return state.resources.filter((resource) => tokens.includes(resource.type));
    }

    function idsByName(state: Stored): Record<string, string> {
        return Object.fromEntries(hookstreamResources(state).map((r) => [r.urn.split("::").pop()!, r.id!]));
    }

    function assertNoSecrets(text: string, where: string) {
        for (const secret of secrets) {
            assert.equal(text.includes(secret), false, `${where} holds a secret (${secret.slice(0, 16)}…)`);
        }
    }

    /** `pulumi` as the user runs it in the dynamic program's folder (stack export/import). */
    async function pulumi(args: string[]): Promise<string> {
        return run(path.join(await pulumiBinDir(), "pulumi"), [...args, "--stack", stackName]);
    }

    async function migrate(...args: string[]): Promise<{ code: number; output: string }> {
        try {
            const output = await run(process.execPath, [
                cli,
                "migrate",
                "--stack",
                stackName,
                "--cwd",
                dynamicProgram,
                ...args,
            ]);
            return { code: 0, output };
        } catch (error) {
            const { code, output } = error as { code?: number; output?: string };
            if (typeof code !== "number") throw error;
            return { code, output: output ?? "" };
        }
    }

    async function run(command: string, args: string[]): Promise<string> {
        const env = { ...process.env, ...(await pulumiEnv(backendDir)) };
        return new Promise((resolve, reject) => {
            execFile(
                command,
                args,
                { cwd: dynamicProgram, env, maxBuffer: 64 * 1024 * 1024 },
                (error, stdout, stderr) => {
                    if (error) reject(Object.assign(error, { output: `${stdout}${stderr}` }));
                    else resolve(`${stdout}${stderr}`);
                },
            );
        });
    }

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: project } });
        ({ stack: dynamicStack, backendDir } = await testStack({ workDir: dynamicProgram, stackName }));
        await dynamicStack.setAllConfig({
            "hookstream:apiKey": { value: apiKey, secret: true },
            "hookstream:baseUrl": { value: emulator.url },
            webhookSecret: { value: webhookSecret, secret: true },
            slackUrl: { value: slackUrl, secret: true },
            discordUrl: { value: discordUrl, secret: true },
            channels: { value: JSON.stringify(channels) },
            rules: { value: JSON.stringify(rules) },
        });
    });

    after(async function () {
        const stack = nativeStack ?? dynamicStack;
        await stack?.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
        for (const dir of [dynamicProgram, nativeProgram]) {
            fs.rmSync(path.join(dir, `Pulumi.${stackName}.yaml`), { force: true });
        }
        await emulator?.close();
    });

    it("deploys channels of every type and rules routing to them through the dynamic provider", async function () {
        const result = await dynamicStack.up();
        assert.equal(result.summary.result, "succeeded");
        const state = await stored(dynamicStack);
        ids = idsByName(state);
        assert.deepEqual(Object.keys(ids).sort(), ["backlog", "chat", "failures", "oncall", "ops", "team"]);
        assert.ok(hookstreamResources(state).every((r) => r.type.startsWith("pulumi-nodejs:dynamic/hookstream:")));
        const failures = emulator.alertRules(project).find((rule) => rule.id === ids.failures);
        assert.deepEqual(failures?.channel_ids.sort(), [ids.ops, ids.oncall, ids.chat, ids.team].sort());
    });

    it("refuses a stack with a pending operation, naming `hookstream-pulumi recover`, and changes nothing", async function () {
        // What a killed `up` leaves, written straight into the file backend's checkpoint: `pulumi stack import`
        // clears pending operations, so it cannot make one.
        const checkpointFile = path.join(
            backendDir,
            ".pulumi",
            "stacks",
            "hookstream-e2e-alerting",
            `${stackName}.json`,
        );
        const original = fs.readFileSync(checkpointFile, "utf8");
        const checkpoint = JSON.parse(original) as {
            checkpoint: { latest: { resources: StoredResource[]; pending_operations?: unknown[] } };
        };
        const latest = checkpoint.checkpoint.latest;
        const { id: _id, outputs: _outputs, ...ops } = latest.resources.find((r) => r.urn.endsWith("::ops"))!;
        latest.pending_operations = [
            { type: "creating", resource: { ...ops, urn: ops.urn.replace(/::ops$/, "::pager") } },
        ];
        fs.writeFileSync(checkpointFile, JSON.stringify(checkpoint));
        try {
            const before = await pulumi(["stack", "export"]);
            assert.match(before, /"pending_operations"/);
            const refused = await migrate();
            assert.equal(refused.code, 1, refused.output);
            assert.match(refused.output, /nothing was changed: the stack has 1 pending operation/);
            assert.match(refused.output, /hookstream-pulumi recover/);
            assert.equal(await pulumi(["stack", "export"]), before);
        } finally {
            fs.writeFileSync(checkpointFile, original);
        }
    });

    it("prints the move with --dry-run and changes nothing, sending hookstream no request", async function () {
        const before = await pulumi(["stack", "export"]);
        emulator.resetRequests();
        const dryRun = await migrate("--dry-run");
        assert.equal(dryRun.code, 0, dryRun.output);
        for (const [name, id] of Object.entries(ids)) {
            assert.match(dryRun.output, new RegExp(`^  ${name} \\((NotificationChannel|AlertRule), ${id}\\): `, "m"));
        }
        assert.match(dryRun.output, /adds the default provider .*pulumi:providers:hookstream::default/);
        assert.match(dryRun.output, /dry run: the stack was not changed/);
        assert.equal(await pulumi(["stack", "export"]), before);
        assert.deepEqual(emulator.requests, []);
    });

    it("moves every resource to the native types with its id, sending hookstream no request", async function () {
        emulator.resetRequests();
        const moved = await migrate();
        assert.equal(moved.code, 0, moved.output);
        assert.match(moved.output, /moved 6 resource\(s\) in the stack/);
        assert.deepEqual(emulator.requests, []);

        const state = await stored(dynamicStack);
        assert.deepEqual(idsByName(state), ids);
        const resources = hookstreamResources(state);
        assert.deepEqual(resources.map((r) => r.type).sort(), [
            ...Array(2).fill(alertRule.tokens.native),
            ...Array(4).fill(notificationChannel.tokens.native),
        ]);
        const provider = state.resources.find((r) => r.type === "pulumi:providers:hookstream")!;
        assert.ok(resources.every((r) => r.provider === `${provider.urn}::${provider.id}`));
        assert.equal(
            state.resources.some((r) => r.type === "pulumi:providers:pulumi-nodejs"),
            false,
        );
        assert.ok(resources.every((r) => !("__provider" in (r.inputs ?? {})) && !("__provider" in (r.outputs ?? {}))));
        const urnOf = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`))!.urn;
        const failures = resources.find((r) => r.urn.endsWith("::failures"))!;
        assert.deepEqual(failures.dependencies?.sort(), ["ops", "oncall", "chat", "team"].map(urnOf).sort());
        assertNoSecrets(state.text, "the exported state");
    });

    it("finds nothing left to move when run again", async function () {
        const again = await migrate();
        assert.equal(again.code, 0, again.output);
        assert.match(again.output, /nothing to move/);
    });

    it("previews no change once the program uses the native types, sending hookstream no write", async function () {
        emulator.resetRequests();
        fs.copyFileSync(
            path.join(dynamicProgram, `Pulumi.${stackName}.yaml`),
            path.join(nativeProgram, `Pulumi.${stackName}.yaml`),
        );
        ({ stack: nativeStack } = await testStack({ workDir: nativeProgram, stackName, backendDir }));
        const preview = await nativeStack.preview({ expectNoChanges: true });
        assert.deepEqual(preview.changeSummary, { same: 7 }); // the stack, 4 channels, 2 rules
        assert.deepEqual(
            emulator.requests.filter((r) => r.method !== "GET"),
            [],
        );
    });

    it("refreshes through the native provider and finds no drift, the secrets kept", async function () {
        const refresh = await nativeStack!.refresh();
        assert.deepEqual(refresh.summary.resourceChanges, { same: 7 });
        assert.deepEqual(
            emulator.requests.filter((r) => r.method !== "GET"),
            [],
        );
        assertNoSecrets((await stored(nativeStack!)).text, "the refreshed state");
        await nativeStack!.preview({ expectNoChanges: true });
    });

    it("previews no change from a YAML program declaring the same resources by type token", async function () {
        const dir = temporaryDir("hookstream-migrate-yaml");
        fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yamlProgram(path.join(repoRoot, "bin")));
        fs.copyFileSync(
            path.join(nativeProgram, `Pulumi.${stackName}.yaml`),
            path.join(dir, `Pulumi.${stackName}.yaml`),
        );
        emulator.resetRequests();
        const { stack } = await testStack({ workDir: dir, stackName, backendDir });
        const preview = await stack.preview({ expectNoChanges: true });
        assert.deepEqual(preview.changeSummary, { same: 7 }); // the stack, 4 channels, 2 rules
        assert.deepEqual(
            emulator.requests.filter((r) => r.method !== "GET"),
            [],
        );
    });

    it("renames a channel through the native provider, in place and with its secret intact", async function () {
        await nativeStack!.setConfig("channels", {
            value: JSON.stringify({ ...channels, ops: { ...channels.ops, name: "ops-renamed" } }),
        });
        emulator.resetRequests();
        const result = await nativeStack!.up();
        assert.deepEqual(result.summary.resourceChanges, { same: 6, update: 1 });
        const writes = emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);
        assert.deepEqual(writes, [`PATCH /v1/notification-channels/${ids.ops}`]);
        const ops = emulator.channels(project).find((channel) => channel.id === ids.ops);
        assert.equal(ops?.name, "ops-renamed");
        assert.equal((ops?.config as { secret?: string }).secret, webhookSecret);
        const state = await stored(nativeStack!);
        assert.deepEqual(idsByName(state), ids);
        assertNoSecrets(state.text, "the state after the rename");
        await nativeStack!.preview({ expectNoChanges: true });
    });

    it("destroys every moved resource through the native provider", async function () {
        await nativeStack!.destroy();
        assert.deepEqual(emulator.channels(project), []);
        assert.deepEqual(emulator.alertRules(project), []);
    });
});
