import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { exportStoredState, pulumiBinDir, testStack } from "../support/pulumi";

/**
 * The native plugin as the engine runs it: the real CLI and engine, a Node.js program registering
 * `hookstream:index:*` resources by type token (as every generated SDK does), the plugin found through the project's
 * `plugins:` entry (bin/pulumi-resource-hookstream, so build first), against the emulator.
 */

const program = path.join(__dirname, "programs", "native");
const apiKey = "hs_test_" + "native".padEnd(64, "0");
const webhookSecret = "whsec-native-e2e-never-in-state";
const slackUrl = "https://hooks.slack.com/services/T000/B000/native-slack-token";
const channelType = "hookstream:index:NotificationChannel";
const ruleType = "hookstream:index:AlertRule";

const declared = {
    ops: {
        type: channelType,
        args: { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: "$secret:hook" } },
    },
    chat: { type: channelType, args: { channelType: "slack", config: { url: "$plain:slack" } } },
    failures: {
        type: ruleType,
        args: {
            ruleType: "failure_rate",
            ruleConfig: { threshold: 0.1 },
            channelIds: ["$id:ops", "$id:chat"],
        },
    },
};

describe("the native plugin through the Pulumi engine", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    let stack: Stack;
    let ids: Record<string, string>;

    async function declare(resources: object) {
        await stack.setConfig("resources", { value: JSON.stringify(resources) });
    }

    async function storedResources(): Promise<
        { urn: string; type: string; id: string; outputs: Record<string, unknown> }[]
    > {
        return (await stack.exportStack()).deployment.resources;
    }

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "native" } });
        ({ stack } = await testStack({ workDir: program, stackName: "native" }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("hook", { value: webhookSecret, secret: true });
        await stack.setConfig("slack", { value: slackUrl, secret: true });
        await declare(declared);
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    it("previews channels and a rule whose channel ids are still unknown, without calling hookstream", async function () {
        const preview = await stack.preview();
        assert.equal(preview.changeSummary.create, 4); // 3 resources and the stack
        assert.equal(emulator.requests.filter((r) => r.method !== "GET").length, 0);
    });

    it("creates them, with the type tokens and computed outputs in state and no secret in plain text", async function () {
        const result = await stack.up();
        assert.equal(result.summary.result, "succeeded");
        ids = Object.fromEntries(
            Object.entries(result.outputs.ids!.value as Record<string, string>).map(([k, v]) => [k, v]),
        );
        const rule = emulator.alertRules("native").find((r) => r.id === ids.failures);
        assert.deepEqual(rule?.channel_ids.sort(), [ids.ops, ids.chat].sort());
        const ops = (await storedResources()).find((r) => r.urn.endsWith("::ops"))!;
        assert.equal(ops.type, channelType);
        assert.match(String(ops.outputs.createdAt), /^\d{4}-\d{2}-\d{2}T/);
        const stored = await exportStoredState(stack);
        for (const secret of [apiKey, webhookSecret, slackUrl, "native-slack-token"]) {
            assert.equal(stored.includes(secret), false, `state holds a secret (${secret.slice(0, 12)}…)`);
        }
    });

    it("previews no changes on a second run", async function () {
        const preview = await stack.preview({ expectNoChanges: true });
        assert.deepEqual(Object.keys(preview.changeSummary), ["same"]);
    });

    it("fails a preview of bad input with the property path and the reason, sending no request", async function () {
        await declare({
            ...declared,
            ops: { type: channelType, args: { ...declared.ops.args, config: { url: "ftp://x" } } },
        });
        emulator.resetRequests();
        await assert.rejects(stack.preview(), (error: Error) => {
            assert.match(error.message, /config\.url/);
            assert.match(error.message, /must use https:\/\/ or http:\/\//);
            return true;
        });
        assert.deepEqual(emulator.requests, []);
        await declare(declared);
    });

    it("marks config.secret in `preview --diff` when the webhook secret rotates, and updates in place", async function () {
        await stack.setConfig("hook", { value: webhookSecret + "-2", secret: true });
        const preview = await stack.preview({ diff: true });
        assert.equal(preview.changeSummary.update, 1);
        assert.match(preview.stdout, /~ secret: \[secret\] => \[secret\]/);
        await stack.up();
        const stored = emulator.channels("native").find((c) => c.id === ids.ops);
        assert.equal((stored?.config as { secret?: string }).secret, webhookSecret + "-2");
    });

    it("replaces a channel whose type changes, listing channelType and no output-only field", async function () {
        await declare({
            ...declared,
            chat: {
                type: channelType,
                args: { channelType: "discord", config: { url: "https://discord.com/api/webhooks/1/x" } },
            },
        });
        const preview = await stack.preview({ diff: true });
        assert.equal(preview.changeSummary.replace, 1);
        assert.match(preview.stdout, /channelType: "slack" => "discord"/);
        assert.doesNotMatch(preview.stdout, /- (orgId|envId|createdAt|updatedAt|errorCount)/);
        await declare(declared);
    });

    it("reads an out-of-band rename back on refresh", async function () {
        emulator.updateChannel(ids.ops!, { name: "renamed-in-dashboard" });
        const refresh = await stack.refresh();
        assert.equal(refresh.summary.resourceChanges?.update, 1);
        const ops = (await storedResources()).find((r) => r.urn.endsWith("::ops"))!;
        assert.equal(ops.outputs.name, "renamed-in-dashboard");
        await stack.up();
        assert.equal(emulator.channels("native").find((c) => c.id === ids.ops)?.name, "ops");
    });

    it("imports a channel made in the dashboard with `pulumi import`, without writing to hookstream", async function () {
        const made = emulator.createChannel("native", {
            name: "pager",
            channel_type: "email",
            config: { recipients: ["oncall@example.com"] },
        });
        emulator.resetRequests();
        const pulumi = path.join(await pulumiBinDir(), "pulumi");
        await promisify(execFile)(
            pulumi,
            [
                "import",
                channelType,
                "pager",
                made.id,
                "--yes",
                "--generate-code=false",
                "--protect=false",
                "--stack",
                stack.name,
            ],
            { cwd: program, env: { ...process.env, ...stack.workspace.envVars } },
        );
        assert.deepEqual(
            emulator.requests.filter((r) => r.method !== "GET"),
            [],
        );
        const pager = (await storedResources()).find((r) => r.urn.endsWith("::pager"))!;
        assert.deepEqual([pager.type, pager.id], [channelType, made.id]);
        await declare({
            ...declared,
            pager: {
                type: channelType,
                args: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
            },
        });
        await stack.preview({ expectNoChanges: true });
    });

    it("destroys everything", async function () {
        await stack.destroy();
        assert.deepEqual(emulator.channels("native"), []);
        assert.deepEqual(emulator.alertRules("native"), []);
    });
});
