import assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { markedName, newCreateToken, parseCreateToken } from "../../provider/core/create-token";
import { exportStoredState, testStack } from "../support/pulumi";

/**
 * The product as users run it: the real Pulumi CLI and engine, the real Node.js program, the real dynamic-provider
 * host, against the hookstream emulator. Each step asserts on the engine's result and on what the API holds.
 */

const program = path.join(__dirname, "programs", "channels");
const apiKey = "hs_test_" + "e2e".padEnd(64, "0");
const webhookSecret = "whsec-e2e-never-in-state";
const slackUrl = "https://hooks.slack.com/services/T000/B000/e2e-slack-token";
const discordUrl = "https://discord.com/api/webhooks/123/e2e-discord-token";

// "$secret:<key>" is read by the program from secret stack config, as a plain string (see the program).
const fourChannels = {
    ops: { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: "$secret:webhookSecret" } },
    slack: { channelType: "slack", name: "Ops Slack", config: { url: "$secret:slackUrl" } },
    discord: { channelType: "discord", config: { url: "$secret:discordUrl" } },
    mail: { channelType: "email", enabled: false, config: { recipients: ["oncall@example.com", "lead@example.com"] } },
};

async function setChannels(stack: Stack, channels: object, derivedFrom?: string) {
    await stack.setConfig("channels", { value: JSON.stringify(channels) });
    if (derivedFrom === undefined) await stack.removeConfig("derivedFrom").catch(() => undefined);
    else await stack.setConfig("derivedFrom", { value: derivedFrom });
}

function assertNoSecrets(text: string, where: string) {
    for (const secret of [apiKey, webhookSecret, slackUrl, discordUrl, "e2e-slack-token", "e2e-discord-token"]) {
        assert.equal(text.includes(secret), false, `${where} contains a secret (${secret.slice(0, 12)}…)`);
    }
}

for (const shape of ["reference", "docs"] as const) {
    describe(`pulumi up/preview/refresh against the emulator (${shape} response shape)`, function () {
        this.timeout(20 * 60_000);
        let emulator: Emulator;
        let stack: Stack;
        let ids: Record<string, string>;
        let engineOutput = "";
        const collect = (out: string) => (engineOutput += out);

        before(async function () {
            emulator = await startEmulator({ apiKeys: { [apiKey]: "e2e" }, shape });
            ({ stack } = await testStack({ workDir: program, stackName: `lifecycle-${shape}` }));
            await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
            await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
            await stack.setConfig("webhookSecret", { value: webhookSecret, secret: true });
            await stack.setConfig("slackUrl", { value: slackUrl, secret: true });
            await stack.setConfig("discordUrl", { value: discordUrl, secret: true });
            await setChannels(stack, fourChannels);
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it("creates one channel of each type, with ids and computed outputs", async function () {
            const result = await stack.up({ onOutput: collect });
            assert.equal(result.summary.result, "succeeded");
            ids = result.outputs.ids!.value as Record<string, string>;
            const stored = emulator.channels("e2e");
            assert.deepEqual(stored.map((c) => c.channel_type).sort(), ["discord", "email", "slack", "webhook"]);
            assert.deepEqual(Object.values(ids).sort(), stored.map((c) => c.id).sort());
            assert.equal(stored.find((c) => c.id === ids.mail)?.enabled, false);
            assert.equal(stored.find((c) => c.id === ids.slack)?.name, "Ops Slack");
            assert.equal(stored.find((c) => c.id === ids.ops)?.name, "ops", "name defaults to the resource name");
            const exported = await stack.exportStack();
            const resource = exported.deployment.resources.find((r: { urn: string }) => r.urn.endsWith("::ops"));
            assert.equal(resource.type, "pulumi-nodejs:dynamic/hookstream:NotificationChannel");
            assert.match(resource.outputs.createdAt, /^\d{4}-\d{2}-\d{2}T/);
            if (shape === "reference") assert.equal(resource.outputs.envId, stored[0]!.env_id);

            // Each POST carried its create token's nonce, drawn from the URN; the finishing step's PATCH gave the
            // declared name.
            const channels = exported.deployment.resources.filter(
                (r: { type: string }) => r.type === "pulumi-nodejs:dynamic/hookstream:NotificationChannel",
            ) as { urn: string; id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
            assert.equal(channels.length, 4);
            for (const channel of channels) {
                const token = parseCreateToken(channel.inputs.__createToken);
                assert.ok(token, `${channel.urn} has a create token in its stored inputs`);
                assert.equal(token.nonce, newCreateToken(channel.urn).nonce, "a first create's nonce is its URN's");
                const posted = emulator.requests.find(
                    (r) =>
                        r.method === "POST" &&
                        (r.body as { name?: unknown }).name === markedName(String(channel.outputs.name), token.nonce),
                );
                assert.ok(posted, `a POST carried ${channel.urn}'s marker`);
                assert.ok(
                    emulator.requests.some((r) => r.method === "PATCH" && r.path.endsWith(`/${channel.id}`)),
                    `a PATCH finished ${channel.urn}`,
                );
            }
        });

        it("previews no changes on a second run (no perpetual diff)", async function () {
            emulator.resetRequests();
            const preview = await stack.preview({ expectNoChanges: true, onOutput: collect });
            assert.deepEqual(Object.keys(preview.changeSummary), ["same"]);
            assert.equal(preview.changeSummary.same, 6); // 4 channels, the finishing step and the stack
        });

        it("shows an out-of-band rename and disable after refresh, and the next up restores them", async function () {
            emulator.updateChannel(ids.ops!, { name: "renamed-in-dashboard", enabled: false });
            const refresh = await stack.refresh({ onOutput: collect });
            assert.equal(refresh.summary.resourceChanges?.update, 1);
            const refreshed = (await stack.exportStack()).deployment.resources.find((r: { urn: string }) =>
                r.urn.endsWith("::ops"),
            );
            assert.equal(refreshed.outputs.name, "renamed-in-dashboard");
            assert.equal(refreshed.outputs.enabled, false);
            const up = await stack.up({ onOutput: collect });
            assert.equal(up.summary.resourceChanges?.update, 1);
            const stored = emulator.channels("e2e").find((c) => c.id === ids.ops);
            assert.equal(stored?.name, "ops");
            assert.equal(stored?.enabled, true);
            await stack.preview({ expectNoChanges: true });
        });

        if (shape === "docs") return; // the remaining steps do not depend on the response shape

        it("names the changed property in `preview --diff` and updates in place, keeping the id", async function () {
            const changed = {
                ...fourChannels,
                ops: { ...fourChannels.ops, name: "ops-renamed", enabled: false },
                mail: { ...fourChannels.mail, config: { recipients: ["oncall@example.com"] } },
            };
            await setChannels(stack, changed);
            const preview = await stack.preview({ diff: true });
            assert.match(preview.stdout, /~ .*ops/);
            assert.match(preview.stdout, /name\s*:\s*"ops"\s*=>\s*"ops-renamed"/);
            assert.match(preview.stdout, /enabled\s*:\s*true\s*=>\s*false/);
            const up = await stack.up({ onOutput: collect });
            assert.equal(up.summary.resourceChanges?.update, 2);
            assert.deepEqual(up.outputs.ids!.value, ids);
            const ops = emulator.channels("e2e").find((c) => c.id === ids.ops);
            assert.equal(ops?.name, "ops-renamed");
            assert.equal(ops?.enabled, false);
            assert.deepEqual(emulator.channels("e2e").find((c) => c.id === ids.mail)?.config, {
                recipients: ["oncall@example.com"],
            });
            await setChannels(stack, fourChannels);
            await stack.up({ onOutput: collect });
        });

        it("replaces a channel whose type changes, creating the new one before deleting the old", async function () {
            emulator.resetRequests();
            await setChannels(stack, {
                ...fourChannels,
                discord: { channelType: "slack", config: { url: "$secret:discordUrl" } },
            });
            const up = await stack.up({ onOutput: collect });
            assert.equal(up.summary.resourceChanges?.replace, 1);
            const newId = (up.outputs.ids!.value as Record<string, string>).discord!;
            assert.notEqual(newId, ids.discord);
            assert.equal(
                emulator.channels("e2e").some((c) => c.id === ids.discord),
                false,
            );
            const writes = emulator.requests.filter((r) => r.method === "POST" || r.method === "DELETE");
            assert.deepEqual(
                writes.map((r) => r.method),
                ["POST", "DELETE"],
            );
            ids.discord = newId;
        });

        it("deletes before creating when deleteBeforeReplace is asked", async function () {
            emulator.resetRequests();
            await setChannels(stack, {
                ...fourChannels,
                discord: { channelType: "discord", config: { url: "$secret:discordUrl" }, deleteBeforeReplace: true },
            });
            const up = await stack.up({ onOutput: collect });
            assert.equal(up.summary.resourceChanges?.replace, 1);
            const writes = emulator.requests.filter((r) => r.method === "POST" || r.method === "DELETE");
            assert.deepEqual(
                writes.map((r) => r.method),
                ["DELETE", "POST"],
            );
            ids.discord = (up.outputs.ids!.value as Record<string, string>).discord!;
            await setChannels(stack, fourChannels);
        });

        it("previews and applies an input that is unknown until another channel exists", async function () {
            await setChannels(
                stack,
                { ...fourChannels, fresh: { channelType: "email", config: { recipients: ["x@example.com"] } } },
                "fresh",
            );
            const preview = await stack.preview({ onOutput: collect });
            assert.equal(preview.changeSummary.create, 2, "2 channels");
            const up = await stack.up({ onOutput: collect });
            const outIds = up.outputs.ids!.value as Record<string, string>;
            const derived = emulator.channels("e2e").find((c) => c.id === outIds.derived);
            assert.equal(derived?.config.url, `https://relay.example.com/from/${outIds.fresh}`);
            await setChannels(stack, fourChannels);
            const back = await stack.up({ onOutput: collect });
            assert.equal(back.summary.resourceChanges?.delete, 2, "2 channels");
        });

        it("fails preview on invalid arguments with the property path, without calling the API", async function () {
            emulator.resetRequests();
            await setChannels(stack, {
                ...fourChannels,
                ops: { channelType: "webhook", config: { url: "ftp://ops.example.com/alerts" } },
            });
            const error = await stack.preview().then(
                () => assert.fail("preview should fail"),
                (e: Error) => e,
            );
            assert.match(error.message, /config\.url/);
            assert.match(error.message, /https:\/\/ or http:\/\//);
            assert.equal(emulator.requests.length, 0);
            await setChannels(stack, fourChannels);
        });

        it("keeps the API key, webhook secret and Slack/Discord URLs out of state and engine output", async function () {
            const exported = await exportStoredState(stack);
            assertNoSecrets(exported, "pulumi stack export");
            assertNoSecrets(engineOutput, "engine output");
            assert.ok(engineOutput.length > 0);
            assert.match(exported, /"ciphertext"/);
        });

        it("drops a channel deleted out of band on refresh and recreates it on up; destroy empties the project", async function () {
            emulator.deleteChannel(ids.slack!);
            const refresh = await stack.refresh({ onOutput: collect });
            assert.equal(refresh.summary.resourceChanges?.delete, 1);
            const up = await stack.up({ onOutput: collect });
            assert.equal(up.summary.resourceChanges?.create, 1);
            assert.equal(emulator.channels("e2e").length, 4);
            await stack.destroy({ onOutput: collect });
            assert.deepEqual(emulator.channels("e2e"), []);
        });
    });
}
