import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import {
    startEmulator,
    type AlertRuleInput,
    type Emulator,
    type StoredAlertRule,
    type StoredChannel,
} from "../../emulator";
import { repoRoot } from "../support/provider-host";
import { testStack } from "../support/pulumi";

/** Bringing channels made in the dashboard under management: `adopt`, `discover` and the read-only `get`. */

const program = path.join(__dirname, "programs", "channels");
const apiKey = "hs_test_" + "ad".repeat(32);

function snapshot(channels: StoredChannel[]) {
    return channels
        .map((c) => ({ id: c.id, name: c.name, type: c.channel_type, config: c.config, enabled: c.enabled }))
        .sort((a, b) => a.id.localeCompare(b.id));
}

function ruleSnapshot(rules: StoredAlertRule[]) {
    return rules
        .map(({ last_triggered_at: _, trigger_count: __, ...rule }) => rule)
        .sort((a, b) => a.id.localeCompare(b.id));
}

/** A rule of each type in turn, in the wire spellings hookstream's pages document, using up to two channels. */
function seedRule(i: number, channelIds: string[]): AlertRuleInput {
    const configs: Array<[string, Record<string, unknown>]> = [
        ["failure_rate", { threshold: 0.05 }],
        ["latency", { threshold_ms: 1500, percentile_target: i % 2 === 0 ? 99 : "p95" }],
        ["volume_drop", { threshold: 50 }],
        ["dlq", { threshold: i % 7 }],
        ["issue_opened", {}],
    ];
    const [rule_type, rule_config] = configs[i % configs.length]!;
    const used = channelIds.slice(i % channelIds.length, (i % channelIds.length) + (i % 3));
    return {
        name: i % 4 === 0 ? "Ops errors" : `Rule ${i}`,
        rule_type,
        rule_config,
        channel_ids: used,
        cooldown_minutes: 5 + (i % 4) * 15,
        enabled: i % 3 !== 0,
        ...(i % 6 === 0 ? { description: `rule number ${i}` } : {}),
        ...(i % 10 === 0 ? { source_id: `src_${i}` } : {}),
    };
}

describe("bringing existing channels under management", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    let stack: Stack;

    beforeEach(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "adopt" } });
    });

    afterEach(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator.close();
    });

    async function stackFor(name: string, workDir = program) {
        ({ stack } = await testStack({ workDir, stackName: name }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        return stack;
    }

    it("adopts a channel without creating one, then previews no change with or without `adopt`", async function () {
        const existing = emulator.createChannel("adopt", {
            name: "Ops Slack",
            channel_type: "slack",
            config: { url: "https://hooks.slack.com/services/T/B/adopt" },
        });
        await stackFor("adopt");
        const declared = {
            opsSlack: {
                channelType: "slack",
                name: "Ops Slack",
                config: { url: "https://hooks.slack.com/services/T/B/adopt" },
            },
        };
        await stack.setConfig("channels", {
            value: JSON.stringify({ opsSlack: { ...declared.opsSlack, adopt: existing.id } }),
        });
        const up = await stack.up();
        assert.equal((up.outputs.ids!.value as Record<string, string>).opsSlack, existing.id);
        assert.equal(emulator.channels("adopt").length, 1, "no channel was created");
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 0);
        await stack.preview({ expectNoChanges: true });
        await stack.setConfig("channels", { value: JSON.stringify(declared) });
        await stack.preview({ expectNoChanges: true });
        await stack.destroy();
        assert.deepEqual(emulator.channels("adopt"), [], "an adopted channel is managed: destroy deletes it");
    });

    it("refuses to adopt a channel of another type, or one that does not exist, with a clear error", async function () {
        const existing = emulator.createChannel("adopt", {
            name: "mail",
            channel_type: "email",
            config: { recipients: ["a@example.com"] },
        });
        await stackFor("adopt-wrong");
        await stack.setConfig("channels", {
            value: JSON.stringify({
                x: { channelType: "webhook", config: { url: "https://x.example" }, adopt: existing.id },
            }),
        });
        const wrongType = await stack.up().then(
            () => assert.fail("up should fail"),
            (e: Error) => e,
        );
        assert.match(wrongType.message, new RegExp(`cannot adopt channel ${existing.id}: it is a email channel`));
        await stack.setConfig("channels", {
            value: JSON.stringify({
                x: { channelType: "email", config: { recipients: ["a@example.com"] }, adopt: "nc_missing" },
            }),
        });
        const missing = await stack.up().then(
            () => assert.fail("up should fail"),
            (e: Error) => e,
        );
        assert.match(missing.message, /cannot adopt channel nc_missing: hookstream has no such channel/);
        assert.deepEqual(snapshot(emulator.channels("adopt")), snapshot([existing]));
    });

    it("discovers every channel and alert rule across pages into a program that adopts them without changing any", async function () {
        for (let i = 0; i < 105; i++) {
            emulator.createChannel("adopt", {
                name: i % 3 === 0 ? "Ops alerts" : `Team ${i}`,
                channel_type: "email",
                config: { recipients: [`team${i}@example.com`] },
                enabled: i % 2 === 0,
            });
        }
        emulator.createChannel("adopt", {
            name: "Ops Slack",
            channel_type: "slack",
            config: { url: "https://hooks.slack.com/services/T/B/disc" },
        });
        emulator.createChannel("adopt", {
            name: "Signed hook",
            channel_type: "webhook",
            config: { url: "https://hook.example/in", secret: "discovered-signing-secret" },
        });
        const channelIds = emulator.channels("adopt").map((c) => c.id);
        for (let i = 0; i < 104; i++) emulator.createAlertRule("adopt", seedRule(i, channelIds));
        // A rule still listing a channel deleted since: discover keeps its raw id.
        const doomed = emulator.createChannel("adopt", {
            name: "Doomed",
            channel_type: "email",
            config: { recipients: ["doomed@example.com"] },
        });
        const dangling = emulator.createAlertRule("adopt", {
            name: "Dangling",
            rule_type: "dlq",
            rule_config: { threshold: 1 },
            channel_ids: [channelIds[0]!, doomed.id],
        });
        emulator.deleteChannel(doomed.id);
        const before = snapshot(emulator.channels("adopt"));
        const rulesBefore = ruleSnapshot(emulator.alertRules("adopt"));
        emulator.resetRequests();

        // Asynchronously: the emulator answers from this process's event loop.
        const { stdout: code } = await promisify(execFile)(
            process.execPath,
            [path.join(repoRoot, "dist", "cli", "index.js"), "discover", "--reveal-secrets"],
            { env: { ...process.env, HOOKSTREAM_API_KEY: apiKey, HOOKSTREAM_BASE_URL: emulator.url } },
        );
        const pages = (collection: string) =>
            emulator.requests.filter((r) => r.method === "GET" && r.path === `/v1/${collection}`).length;
        assert.ok(pages("notification-channels") >= 2, "more than one page of channels was read");
        assert.ok(pages("alert-rules") >= 2, "more than one page of alert rules was read");
        assert.equal(
            emulator.requests.some((r) => r.method !== "GET"),
            false,
        );
        assert.equal(code.match(/new AlertRule\(/g)?.length, rulesBefore.length, "one AlertRule per rule");
        assert.match(code, new RegExp(`// "${doomed.id}" is not a channel of this project`));
        assert.match(code, new RegExp(`adopt: "${dangling.id}",[^]*?channelIds: \\[\\w+\\.id, "${doomed.id}"\\]`));
        assert.equal(
            [...code.matchAll(/channelIds: \[([^\]]*)\]/g)].some(([, ids]) =>
                channelIds.some((id) => ids!.includes(id)),
            ),
            false,
            "channels of the project are referred to by variable, never by raw id",
        );

        const workDir = fs.mkdtempSync(path.join(repoRoot, ".tmp-discovered-"));
        try {
            fs.writeFileSync(path.join(workDir, "index.ts"), code);
            fs.writeFileSync(
                path.join(workDir, "Pulumi.yaml"),
                "name: discovered\nmain: index.ts\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n",
            );
            await stackFor("discovered", workDir);
            for (const [, key, value] of code.matchAll(/pulumi config set --secret (\S+) '([^']*)'/g)) {
                await stack.setConfig(key!, { value: value!, secret: true });
            }
            emulator.resetRequests();
            const preview = await stack.preview();
            assert.equal(
                preview.changeSummary.create,
                before.length + rulesBefore.length + 2,
                "one adoption per channel and rule, plus the stack and the program's finishing step",
            );
            assert.equal(emulator.requests.length, 0, "preview touches nothing");
            await stack.up();
            assert.deepEqual(snapshot(emulator.channels("adopt")), before, "no channel changed, none created");
            assert.deepEqual(ruleSnapshot(emulator.alertRules("adopt")), rulesBefore, "no rule changed, none created");
            assert.deepEqual(
                emulator.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`),
                [],
                "adopting what already matches sends no write",
            );
            await stack.preview({ expectNoChanges: true });

            // Run as a user would in the project: the stack's own key and base URL, nothing in the environment.
            const { HOOKSTREAM_API_KEY: _key, HOOKSTREAM_BASE_URL: _url, ...env } = process.env;
            const fromStack = await promisify(execFile)(
                process.execPath,
                [path.join(repoRoot, "dist", "cli", "index.js"), "discover", "--stack", stack.name, "--cwd", workDir],
                { env: { ...env, ...(stack.workspace as LocalWorkspace).envVars } },
            );
            const placeholders = (text: string) => text.replace(/^\/\/ {3}pulumi config set --secret .*$/gm, "");
            assert.equal(
                placeholders(fromStack.stdout),
                placeholders(code),
                "the same program, from the stack's config",
            );
            assert.match(
                fromStack.stderr,
                new RegExp(`at ${emulator.url.replace(/[.]/g, "\\.")} \\(stack discovered\\)`),
            );
        } finally {
            fs.rmSync(workDir, { recursive: true, force: true });
        }
    });

    it("reads a channel managed elsewhere with NotificationChannel.get, without managing it", async function () {
        const existing = emulator.createChannel("adopt", {
            name: "Theirs",
            channel_type: "discord",
            config: { url: "https://d.example/x" },
        });
        await stackFor("lookup");
        await stack.setConfig("channels", { value: "{}" });
        await stack.setConfig("lookupId", { value: existing.id });
        const up = await stack.up();
        assert.deepEqual(up.outputs.lookedUp?.value, { name: "Theirs", type: "discord" });
        await stack.destroy();
        assert.equal(emulator.channels("adopt").length, 1, "destroy leaves a looked-up channel alone");
    });
});
