import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator, type RecordedRequest } from "../../emulator";
import { markerIn } from "../../provider/core/create-token";
import { repoRoot } from "../support/provider-host";
import { exportStoredState, testStack } from "../support/pulumi";

/**
 * AlertRules and the NotificationChannels they reference, through the real Pulumi CLI against the emulator. The
 * engine, not the provider, orders the steps: these tests read the emulator's request log to prove that a rule never
 * points at a channel that is not there (created after its channels, changed before a channel goes, deleted before
 * its channels), and that the emulator never saw a dangling reference.
 */

const program = path.join(__dirname, "programs", "alerting");
const project = "rules";
const apiKey = "hs_test_" + "a1".repeat(32);
const webhookSecret = "whsec-alert-rules-never-in-state";
const slackUrl = "https://hooks.slack.com/services/T000/B000/alert-rules-slack-token";
const secrets = [apiKey, webhookSecret, slackUrl, "alert-rules-slack-token"];

const channels = {
    ops: { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: "$secret:webhookSecret" } },
    oncall: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
    chat: { channelType: "slack", config: { url: "$secret:slackUrl" } },
};
const rules = {
    failures: { ruleType: "failure_rate", ruleConfig: { threshold: 0.1 }, channels: ["ops", "oncall"] },
    backlog: { ruleType: "dlq", ruleConfig: { threshold: 5 }, cooldownMinutes: 30, channels: ["chat", "ops"] },
};

async function declare(stack: Stack, declaredChannels: object, declaredRules: object) {
    await stack.setConfig("channels", { value: JSON.stringify(declaredChannels) });
    await stack.setConfig("rules", { value: JSON.stringify(declaredRules) });
}

/**
 * Every write the emulator saw since its last reset, as "<METHOD> <channel|rule> <resource name>": a POST is named
 * by the `name` it sends (names default to resource names) less its create marker, which the POST must carry; a PATCH
 * or DELETE by the id in its path.
 */
function writesSeen(emulator: Emulator, names: ReadonlyMap<string, string>): string[] {
    return emulator.requests
        .filter((r) => r.method !== "GET")
        .map((r: RecordedRequest) => {
            const [, , collection, id, action] = r.path.split("/");
            const kind = collection === "alert-rules" ? "rule" : "channel";
            const name = id === undefined ? declaredName(r) : (names.get(id) ?? id);
            return `${r.method} ${kind}${action === undefined ? "" : `/${action}`} ${name}`;
        });
}

/** The name a create POSTed, without the ` [creating <nonce>]` every create's POST carries. */
function declaredName(post: RecordedRequest): string {
    const sent = String((post.body as { name?: unknown } | undefined)?.name);
    const nonce = markerIn(sent);
    assert.ok(nonce, `the POST of "${sent}" carries no create marker`);
    return sent.slice(0, -` [creating ${nonce}]`.length);
}

/** `earlier` and `later` each happened, and every `earlier` came before every `later`. */
function assertBefore(writes: string[], earlier: string, later: string) {
    const indexesOf = (write: string) => writes.flatMap((w, i) => (w === write ? [i] : []));
    const [first, second] = [indexesOf(earlier), indexesOf(later)];
    assert.ok(first.length > 0 && second.length > 0, `expected "${earlier}" and "${later}" in ${writes.join(", ")}`);
    assert.ok(
        Math.max(...first) < Math.min(...second),
        `expected "${earlier}" before "${later}" in ${writes.join(", ")}`,
    );
}

function assertNoSecrets(text: string, where: string) {
    for (const secret of secrets) {
        assert.equal(text.includes(secret), false, `${where} contains a secret (${secret.slice(0, 12)}…)`);
    }
}

function sortedIds(ids: string[]): string[] {
    return [...ids].sort();
}

for (const shape of ["reference", "docs"] as const) {
    describe(`AlertRules and their channels through pulumi (${shape} response shape)`, function () {
        this.timeout(20 * 60_000);
        let emulator: Emulator;
        let stack: Stack;
        /** hookstream id → resource name, for reading the request log. */
        const names = new Map<string, string>();
        let channelIds: Record<string, string> = {};
        let ruleIds: Record<string, string> = {};
        let engineOutput = "";
        const collect = (out: string) => (engineOutput += out);

        async function up() {
            const result = await stack.up({ onOutput: collect });
            assert.equal(result.summary.result, "succeeded");
            channelIds = result.outputs.channelIds!.value as Record<string, string>;
            ruleIds = result.outputs.ruleIds!.value as Record<string, string>;
            for (const [name, id] of [...Object.entries(channelIds), ...Object.entries(ruleIds)]) names.set(id, name);
            return result;
        }

        const storedRule = (name: string) => emulator.alertRules(project).find((r) => r.id === ruleIds[name]);

        before(async function () {
            emulator = await startEmulator({ apiKeys: { [apiKey]: project }, shape });
            ({ stack } = await testStack({ workDir: program, stackName: `alert-rules-${shape}` }));
            await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
            await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
            await stack.setConfig("webhookSecret", { value: webhookSecret, secret: true });
            await stack.setConfig("slackUrl", { value: slackUrl, secret: true });
            await declare(stack, channels, rules);
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it("previews rules whose channel ids are still unknown, without calling the API", async function () {
            const preview = await stack.preview({ onOutput: collect });
            assert.equal(preview.changeSummary.create, 7, "the stack, 3 channels, 2 rules and the finishing step");
            assert.deepEqual(emulator.requests, []);
        });

        it("creates every channel before the rules that reference them", async function () {
            emulator.resetRequests();
            await up();
            const writes = writesSeen(emulator, names);
            // Each create is its POST and the PATCH that gives the declared name.
            assert.equal(writes.length, 10, writes.join(", "));
            for (const [kind, name] of [
                ...Object.keys(channels).map((name) => ["channel", name]),
                ...Object.keys(rules).map((name) => ["rule", name]),
            ]) {
                assert.equal(writes.filter((w) => w === `POST ${kind} ${name}`).length, 1, writes.join(", "));
                assertBefore(writes, `POST ${kind} ${name}`, `PATCH ${kind} ${name}`);
            }
            for (const [rule, { channels: used }] of Object.entries(rules)) {
                for (const channel of used) assertBefore(writes, `POST channel ${channel}`, `POST rule ${rule}`);
            }
            for (const rule of emulator.alertRules(project)) assert.equal(rule.name, names.get(rule.id));
            assert.deepEqual(
                sortedIds(storedRule("failures")!.channel_ids),
                sortedIds([channelIds.ops!, channelIds.oncall!]),
            );
            assert.deepEqual(storedRule("failures")!.rule_config, { threshold: 0.1 });
            assert.deepEqual(storedRule("backlog")!.rule_config, { threshold: 5 });
            assert.equal(storedRule("backlog")!.cooldown_minutes, 30);
            assert.deepEqual(emulator.danglingReferences(), []);
        });

        it("previews no change on a second run, also when channelIds are declared or returned in another order", async function () {
            emulator.resetRequests();
            await stack.preview({ expectNoChanges: true, onOutput: collect });
            await declare(stack, channels, {
                ...rules,
                failures: { ...rules.failures, channels: ["oncall", "ops"] },
                backlog: { ...rules.backlog, channels: ["ops", "chat"] },
            });
            await stack.preview({ expectNoChanges: true, onOutput: collect });
            await declare(stack, channels, rules);

            const stored = storedRule("failures")!.channel_ids;
            emulator.patchAlertRule(ruleIds.failures!, { channel_ids: [...stored].reverse() });
            const refresh = await stack.refresh({ onOutput: collect });
            assert.deepEqual(
                Object.keys(refresh.summary.resourceChanges ?? {}),
                ["same"],
                "a reordered channel list is no drift",
            );
            await stack.preview({ expectNoChanges: true, onOutput: collect });
            assert.deepEqual(
                emulator.requests.filter((r) => r.method !== "GET"),
                [],
            );
        });

        it("shows an out-of-band edit of a rule after refresh, and the next up restores it", async function () {
            emulator.patchAlertRule(ruleIds.failures!, {
                rule_config: { threshold: 0.5 },
                enabled: false,
                channel_ids: [channelIds.ops!],
            });
            const refresh = await stack.refresh({ onOutput: collect });
            assert.equal(refresh.summary.resourceChanges?.update, 1);
            const refreshed = (await stack.exportStack()).deployment.resources.find(
                (r: { urn: string; type: string }) => r.urn.endsWith("::failures"),
            );
            assert.equal(refreshed.type, "pulumi-nodejs:dynamic/hookstream:AlertRule");
            assert.deepEqual(refreshed.outputs.ruleConfig, { threshold: 0.5 });
            assert.equal(refreshed.outputs.enabled, false);
            assert.deepEqual(refreshed.outputs.channelIds, [channelIds.ops]);

            emulator.resetRequests();
            const result = await up();
            assert.equal(result.summary.resourceChanges?.update, 1);
            assert.deepEqual(writesSeen(emulator, names), ["PATCH rule failures"]);
            const restored = storedRule("failures")!;
            assert.deepEqual(restored.rule_config, { threshold: 0.1 });
            assert.equal(restored.enabled, true);
            assert.deepEqual(sortedIds(restored.channel_ids), sortedIds([channelIds.ops!, channelIds.oncall!]));
            await stack.preview({ expectNoChanges: true, onOutput: collect });
        });

        if (shape === "reference") {
            // Invalid arguments are refused by check, before any request; the response shape cannot matter.
            const invalid = [
                {
                    title: "a percentage failure threshold",
                    rules: { ...rules, failures: { ...rules.failures, ruleConfig: { threshold: 10 } } },
                    property: /ruleConfig\.threshold/,
                    reason: /0\.1 means 10 %/,
                },
                {
                    title: "a channel listed twice",
                    rules: { ...rules, failures: { ...rules.failures, channels: ["ops", "oncall", "ops"] } },
                    property: /channelIds\[2\]/,
                    reason: /listed twice/,
                },
                {
                    title: "a new latency rule without thresholdMs",
                    rules: { ...rules, slow: { ruleType: "latency", ruleConfig: {}, channels: ["ops"] } },
                    property: /ruleConfig\.thresholdMs/,
                    reason: /is required/,
                },
            ];
            for (const { title, rules: declared, property, reason } of invalid) {
                it(`fails preview on ${title} with the property path, without calling the API`, async function () {
                    await declare(stack, channels, declared);
                    emulator.resetRequests();
                    const error = await stack.preview().then(
                        () => assert.fail("preview should fail"),
                        (e: Error) => e,
                    );
                    assert.match(error.message, property);
                    assert.match(error.message, reason);
                    assert.deepEqual(emulator.requests, []);
                    assertNoSecrets(error.message, "the error");
                    await declare(stack, channels, rules);
                });
            }
        }

        it("adopts an existing rule through the import option with no POST, and previews no change once the option is dropped", async function () {
            const existing = emulator.createAlertRule(project, {
                name: "adopted",
                rule_type: "issue_opened",
                channel_ids: [channelIds.oncall!],
            });
            const adopted = { ruleType: "issue_opened", channels: ["oncall"] };
            await declare(stack, channels, { ...rules, adopted: { ...adopted, import: existing.id } });
            emulator.resetRequests();
            const result = await up();
            assert.equal(result.summary.resourceChanges?.create, 1, "the rule");
            assert.equal(ruleIds.adopted, existing.id);
            assert.deepEqual(
                writesSeen(emulator, names),
                [],
                "an adoption of a rule that already matches writes nothing",
            );
            assert.equal(emulator.alertRules(project).length, 3);

            await declare(stack, channels, { ...rules, adopted });
            await stack.preview({ expectNoChanges: true, onOutput: collect });
        });

        it("removes a channel and its id from a rule in one up, patching the rule before deleting the channel", async function () {
            const { oncall: _removed, ...remaining } = channels;
            const remainingRules = { ...rules, failures: { ...rules.failures, channels: ["ops"] } };
            await declare(stack, remaining, remainingRules);
            const removedId = channelIds.oncall!;
            emulator.resetRequests();
            const result = await up();
            // `adopted` also referenced `oncall`: dropping it from the program deletes that rule, again first.
            // The stack, 3 resources and the finishing step stay (it has no new object to finish); 2 resources go.
            assert.deepEqual(result.summary.resourceChanges, { same: 5, update: 1, delete: 2 });
            const writes = writesSeen(emulator, names);
            assert.equal(writes.length, 3, writes.join(", "));
            assertBefore(writes, "PATCH rule failures", "DELETE channel oncall");
            assertBefore(writes, "DELETE rule adopted", "DELETE channel oncall");
            assert.deepEqual(storedRule("failures")!.channel_ids, [channelIds.ops]);
            assert.equal(
                emulator.channels(project).some((c) => c.id === removedId),
                false,
            );
            assert.deepEqual(emulator.danglingReferences(), []);
            await declare(stack, remaining, remainingRules);
        });

        it("replaces a channel whose type changes: creates the new one, repoints every rule, then deletes the old one", async function () {
            const oldId = channelIds.ops!;
            names.set(oldId, "ops(old)");
            const { oncall: _removed, ...remaining } = channels;
            await declare(
                stack,
                { ...remaining, ops: { channelType: "slack", config: { url: "$secret:slackUrl" } } },
                { ...rules, failures: { ...rules.failures, channels: ["ops"] } },
            );
            emulator.resetRequests();
            const result = await up();
            assert.equal(result.summary.resourceChanges?.replace, 1);
            assert.equal(
                result.summary.resourceChanges?.update,
                3,
                "2 rules and the finishing step, for the new channel",
            );
            const newId = channelIds.ops!;
            assert.notEqual(newId, oldId);
            const writes = writesSeen(emulator, names);
            assert.equal(writes.length, 5, writes.join(", "));
            // The rules wait for the new channel's id, and the finishing step for theirs; the old channel goes last.
            assert.equal(writes[0], "POST channel ops");
            assert.deepEqual(writes.slice(1, 4).sort(), [
                "PATCH channel ops",
                "PATCH rule backlog",
                "PATCH rule failures",
            ]);
            assert.equal(writes[4], "DELETE channel ops(old)");
            assert.deepEqual(storedRule("failures")!.channel_ids, [newId]);
            assert.deepEqual(sortedIds(storedRule("backlog")!.channel_ids), sortedIds([channelIds.chat!, newId]));
            assert.equal(
                emulator.channels(project).some((c) => c.id === oldId),
                false,
            );
            assert.deepEqual(emulator.danglingReferences(), []);
        });

        it("keeps the API key, webhook secret and Slack URL out of stored state and engine output", async function () {
            const exported = await exportStoredState(stack);
            assert.match(exported, /hookstream:AlertRule/);
            assert.match(exported, /"ciphertext"/);
            assertNoSecrets(exported, "pulumi stack export");
            assert.ok(engineOutput.length > 0);
            assertNoSecrets(engineOutput, "engine output");
        });

        it("destroys every rule before the channels it references, leaving the project empty", async function () {
            const references = emulator.alertRules(project).map((r) => ({ rule: r.id, channels: r.channel_ids }));
            assert.equal(references.length, 2);
            emulator.resetRequests();
            await stack.destroy({ onOutput: collect });
            const writes = writesSeen(emulator, names);
            assert.equal(writes.length, 4, writes.join(", "));
            for (const { rule, channels: used } of references) {
                for (const channel of used) {
                    assertBefore(writes, `DELETE rule ${names.get(rule)}`, `DELETE channel ${names.get(channel)}`);
                }
            }
            assert.deepEqual(emulator.alertRules(project), []);
            assert.deepEqual(emulator.channels(project), []);
            assert.deepEqual(emulator.danglingReferences(), []);
        });
    });
}

/** examples/alerting, copied into the package's scratch folder as a user would run it. */
describe("examples/alerting against the emulator", function () {
    this.timeout(20 * 60_000);
    const scratchRoot = path.join(repoRoot, ".tmp");
    const keys = { dev: "hs_test_" + "d".repeat(64), prod: "hs_test_" + "e".repeat(64) };
    const signingSecret = "whsec-example-alerting-never-in-state";
    let emulator: Emulator;
    let workDir: string;
    const stacks: Stack[] = [];

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [keys.dev]: "dev", [keys.prod]: "prod" } });
        fs.mkdirSync(scratchRoot, { recursive: true });
        workDir = fs.mkdtempSync(path.join(scratchRoot, "alerting-"));
        fs.cpSync(path.join(repoRoot, "examples", "alerting"), workDir, { recursive: true });
        // The example has its own package.json, which ends this package's scope, so `pulumi-hookstream` resolves
        // as an installed dependency would: through node_modules, here a link to this package.
        fs.mkdirSync(path.join(workDir, "node_modules"));
        fs.symlinkSync(repoRoot, path.join(workDir, "node_modules", "pulumi-hookstream"), "dir");
    });

    after(async function () {
        for (const stack of stacks)
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
        if (workDir !== undefined) fs.rmSync(workDir, { recursive: true, force: true });
    });

    async function environment(name: "dev" | "prod", backendDir?: string) {
        const created = await testStack({ workDir, stackName: name, ...(backendDir && { backendDir }) });
        stacks.push(created.stack);
        await created.stack.setConfig("hookstream:apiKey", { value: keys[name], secret: true });
        await created.stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await created.stack.setConfig("incidentSigningSecret", { value: signingSecret, secret: true });
        return created;
    }

    /** rule name → [rule type, rule config, names of the channels it notifies], as the emulator holds them. */
    function rulesOf(projectName: string) {
        const channelNames = new Map(emulator.channels(projectName).map((c) => [c.id, c.channel_type]));
        return Object.fromEntries(
            emulator
                .alertRules(projectName)
                .map((r) => [r.rule_type, [r.rule_config, r.channel_ids.map((id) => channelNames.get(id)).sort()]]),
        );
    }

    it("previews, applies and destroys each environment's channels and rules, with per-stack thresholds and routing", async function () {
        const { stack: prod, backendDir } = await environment("prod");
        const { stack: dev } = await environment("dev", backendDir);

        const withSteps = "and the finishing step";
        assert.equal((await prod.preview()).changeSummary.create, 7, `prod: stack, 2 channels, 3 rules ${withSteps}`);
        assert.equal((await dev.preview()).changeSummary.create, 6, `dev: stack, 2 channels, 2 rules ${withSteps}`);
        assert.deepEqual(emulator.requests, [], "preview makes no API call");

        await prod.up();
        await dev.up();
        assert.deepEqual(rulesOf("prod"), {
            failure_rate: [{ threshold: 0.02 }, ["email", "webhook"]],
            latency: [{ threshold_ms: 1500, percentile_target: 99 }, ["webhook"]],
            dlq: [{ threshold: 10 }, ["email", "webhook"]],
        });
        assert.deepEqual(rulesOf("dev"), {
            failure_rate: [{ threshold: 0.25 }, ["webhook"]],
            dlq: [{ threshold: 100 }, ["webhook"]],
        });
        assert.ok(emulator.alertRules("prod").every((r) => r.cooldown_minutes === 15));
        assert.ok(emulator.alertRules("dev").every((r) => r.cooldown_minutes === 120));
        const prodWebhook = emulator.channels("prod").find((c) => c.channel_type === "webhook");
        assert.equal(prodWebhook?.config.secret, signingSecret);

        await prod.preview({ expectNoChanges: true });
        await dev.preview({ expectNoChanges: true });
        const exported = await exportStoredState(prod);
        assert.equal(exported.includes(signingSecret), false, "the signing secret is not in prod's state");

        await dev.destroy();
        assert.deepEqual(emulator.alertRules("dev"), []);
        assert.deepEqual(emulator.channels("dev"), []);
        assert.equal(emulator.alertRules("prod").length, 3, "destroying dev leaves prod alone");
        await prod.destroy();
        assert.deepEqual(emulator.alertRules("prod"), []);
        assert.deepEqual(emulator.channels("prod"), []);
        assert.deepEqual(emulator.danglingReferences(), []);
    });
});
