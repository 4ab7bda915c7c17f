import assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { markerIn } from "../../provider/core/create-token";
import { startEmulator, type Emulator } from "../../emulator";
import { createConsumerProject } from "../../scripts/packed-project";
import { exportStoredState } from "../../scripts/pulumi-toolchain";
import { consumerStack, emulatorConfig } from "./support/consumer-stack";
import { newestPulumi, oldestPulumi } from "./support/supported-versions";

/**
 * The packed package in a `pulumi new typescript` project, through the real CLI: preview, up, a preview with no
 * changes, destroy, against the emulator. Once with the oldest @pulumi/pulumi that `dependencies` allows, once with
 * the newest.
 */

const program = `import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel } from "pulumi-hookstream";

const cfg = new pulumi.Config();
const webhook = new NotificationChannel("ops-webhook", {
    channelType: "webhook",
    config: { url: "https://ops.example.com/alerts", secret: cfg.requireSecret("signingSecret") },
});
const slack = new NotificationChannel("ops-slack", {
    channelType: "slack",
    config: { url: cfg.requireSecret("slackWebhookUrl") },
});
const discord = new NotificationChannel("community-discord", {
    channelType: "discord",
    config: { url: cfg.requireSecret("discordWebhookUrl") },
    enabled: false,
});
const email = new NotificationChannel("oncall-email", {
    channelType: "email",
    config: { recipients: ["oncall@example.com"] },
});

// A channel made in hookstream's dashboard, looked up read-only.
const dashboard = NotificationChannel.get("dashboard", cfg.require("dashboardChannelId"));

export const ids = [webhook.id, slack.id, discord.id, email.id];
export const dashboardName = dashboard.name;
`;

const apiKey = "hs_test_" + "c".repeat(64);
const NotificationChannelType = "pulumi-nodejs:dynamic/hookstream:NotificationChannel";

interface StateResource {
    urn: string;
    type: string;
    sourcePosition?: string;
    stackTrace?: { sourcePosition?: string }[];
}
const secrets = {
    signingSecret: "consumer-signing-secret-5f1c0a9e",
    slackWebhookUrl: "https://hooks.slack.com/services/TCONSUMER/BCONSUMER/consumer5f1c0a9e",
    discordWebhookUrl: "https://discord.com/api/webhooks/42/consumer5f1c0a9e",
};

for (const pulumiVersion of [...new Set([oldestPulumi, newestPulumi])]) {
    describe(`a pulumi new typescript project with @pulumi/pulumi ${pulumiVersion}`, function () {
        this.timeout(10 * 60_000);
        let emulator: Emulator;
        let stack: Stack;
        let dashboardId: string;
        const writes = () => emulator.requests.filter((r) => r.method !== "GET").map((r) => r.method);

        before(async function () {
            const project = createConsumerProject({ layout: "template", pulumiVersion, program });
            emulator = await startEmulator({ apiKeys: { [apiKey]: "consumer" } });
            ({ id: dashboardId } = emulator.createChannel("consumer", {
                name: "Made in the dashboard",
                channel_type: "email",
                config: { recipients: ["dashboard@example.com"] },
            }));
            emulator.resetRequests();
            ({ stack } = await consumerStack(project, {
                config: {
                    dashboardChannelId: { value: dashboardId },
                    ...emulatorConfig(emulator, apiKey),
                    ...Object.fromEntries(
                        Object.entries(secrets).map(([key, value]) => [key, { value, secret: true }]),
                    ),
                },
            }));
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it("previews one channel of each type, and reads the dashboard's channel", async function () {
            const preview = await stack.preview();
            assert.equal(preview.changeSummary.create, 6, "the stack, four channels and the program's finishing step");
            assert.deepEqual(
                emulator.requests.map((r) => `${r.method} ${r.path}`),
                [`GET /v1/notification-channels/${dashboardId}`],
            );
        });

        it("creates them with up", async function () {
            const up = await stack.up();
            assert.equal(up.summary.resourceChanges?.create, 6);
            // Each channel is POSTed under a marked name, then the finishing step's PATCH gives it its name (and
            // disables the Discord channel: hookstream creates every channel enabled).
            assert.deepEqual(writes().sort(), ["PATCH", "PATCH", "PATCH", "PATCH", "POST", "POST", "POST", "POST"]);
            const bodies = (method: string) =>
                emulator.requests.filter((r) => r.method === method).map((r) => r.body as Record<string, unknown>);
            for (const body of bodies("POST")) assert.ok(markerIn(String(body.name)), String(body.name));
            assert.deepEqual(
                bodies("PATCH").filter((body) => body.enabled !== undefined),
                [{ name: "community-discord", enabled: false }],
            );
            const created = emulator.channels("consumer").filter((c) => c.name !== "Made in the dashboard");
            assert.deepEqual(created.map((c) => c.channel_type).sort(), ["discord", "email", "slack", "webhook"]);
            assert.equal(created.find((c) => c.channel_type === "discord")?.enabled, false);
            assert.equal(up.outputs.dashboardName?.value, "Made in the dashboard");
        });

        it("previews no changes after up", async function () {
            emulator.resetRequests();
            const preview = await stack.preview({ expectNoChanges: true });
            assert.equal(preview.changeSummary.same, 6);
            assert.deepEqual(writes(), []);
        });

        it("keeps the API key, the signing secret and the webhook URLs out of the stored state", async function () {
            const state = await exportStoredState(stack);
            assert.match(state, /pulumi-nodejs:dynamic\/hookstream:NotificationChannel/);
            for (const secret of [apiKey, ...Object.values(secrets)]) {
                assert.equal(state.includes(secret), false, `the state holds ${secret.slice(0, 12)}… in plain text`);
            }
        });

        it("records where the program declared each channel, whole", async function () {
            // The resource classes register with Node's stack-frame limit lowered (provider/core/promise-stacks.ts):
            // the SDK's own record of the declaration must not lose a frame, with either SDK.
            const { deployment } = await stack.exportStack();
            const channels = (deployment.resources as StateResource[]).filter(
                (r) => r.type === NotificationChannelType,
            );
            assert.equal(channels.length, 5);
            for (const channel of channels) {
                assert.match(channel.sourcePosition ?? "", /^project:\/\/\/.+#\d+,\d+$/, channel.urn);
                if (channel.stackTrace === undefined) continue;
                const frames = channel.stackTrace.map((frame) => frame.sourcePosition ?? "");
                assert.ok(
                    frames.some((frame) => frame.startsWith("project:///index.ts#")),
                    frames.join("\n"),
                );
            }
        });

        it("deletes them with destroy", async function () {
            emulator.resetRequests();
            const destroy = await stack.destroy();
            assert.equal(
                destroy.summary.resourceChanges?.delete,
                6,
                "the stack, four channels and the program's finishing step",
            );
            assert.deepEqual(writes(), ["DELETE", "DELETE", "DELETE", "DELETE"]);
            assert.deepEqual(
                emulator.channels("consumer").map((c) => c.name),
                ["Made in the dashboard"],
                "the channel that was only read is left alone",
            );
        });
    });
}
