import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../emulator";
import { checkInputs } from "../../../provider/core/check";
import { setStackSettings } from "../../../provider/core/connection";
import { notificationChannel } from "../../../provider/notification-channel/kind";
import type { ChannelOutputs } from "../../../provider/notification-channel/outputs";
import { providers } from "../../../provider/providers";

const channelInputRules = notificationChannel.inputRules;
const provider = providers.NotificationChannel!;
import type { ChannelInput } from "../../../provider/notification-channel/schema";

/** `verify: true`: hookstream's test delivery after create and after a change of config, never otherwise. */

const apiKey = "hs_test_" + "f".repeat(64);
const slackUrl = "https://hooks.slack.com/services/T1/B1/verify-token";

function checked(args: Record<string, unknown>): ChannelInput {
    const outcome = checkInputs(args, channelInputRules);
    assert.ok(outcome.ok && outcome.complete);
    return outcome.inputs;
}

describe("verify (hookstream's test delivery)", function () {
    let emulator: Emulator;
    const failNextTest = () =>
        emulator.inject({
            method: "POST",
            path: /\/test$/,
            action: {
                type: "status",
                status: 200,
                body: { success: false, error: `Delivery failed: ${slackUrl} answered 404 no_service` },
            },
        });
    const tests = () => emulator.requests.filter((r) => r.path.endsWith("/test")).length;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "verify" } });
        setStackSettings({ apiKey, baseUrl: emulator.url });
    });

    after(async function () {
        setStackSettings({});
        await emulator?.close();
    });

    beforeEach(() => emulator.resetRequests());

    it("sends no test delivery unless asked", async function () {
        await provider.create(checked({ channelType: "slack", name: "quiet", config: { url: slackUrl } }));
        assert.equal(tests(), 0);
    });

    it("tests the channel after create, and succeeds when hookstream delivers", async function () {
        const { id } = await provider.create(
            checked({ channelType: "slack", name: "proven", config: { url: slackUrl }, verify: true }),
        );
        assert.deepEqual(
            emulator.requests.map((r) => `${r.method} ${r.path.replace(id, "{id}")}`),
            [
                "POST /v1/notification-channels",
                "PATCH /v1/notification-channels/{id}",
                "POST /v1/notification-channels/{id}/test",
            ],
        );
        assert.deepEqual(emulator.requests[1]!.body, { name: "proven" });
    });

    it("fails the create with hookstream's reason, secrets masked, and keeps the channel in state", async function () {
        failNextTest();
        const inputs = checked({ channelType: "slack", name: "broken", config: { url: slackUrl }, verify: true });
        const error = (await provider.create(inputs).then(
            () => undefined,
            (e: unknown) => e,
        )) as Error & { id?: string; properties?: ChannelOutputs };
        assert.ok(error, "create was expected to fail");
        assert.match(error.message, /did not deliver hookstream's test notification: Delivery failed: \[redacted\]/);
        assert.equal(error.message.includes("verify-token"), false, "the Slack URL is a credential");
        assert.ok(error.id, "the host keeps the channel in state (ErrorResourceInitFailed)");
        assert.equal(error.properties?.verification, "failed");
        assert.equal(emulator.channels("verify").filter((c) => c.name === "broken").length, 1);

        // The next `up`: the failed check shows as a change, and the update tests again, sending no PATCH.
        const diff = await provider.diff!(error.id, error.properties!, inputs);
        assert.equal(diff.changes, true);
        emulator.resetRequests();
        const { outs } = await provider.update!(error.id, error.properties!, inputs);
        assert.deepEqual(
            emulator.requests.map((r) => r.method),
            ["POST"],
        );
        assert.equal(outs?.verification, undefined);
        assert.equal((await provider.diff!(error.id, outs!, inputs)).changes, false);
    });

    it("tests again after a change of config, not after a rename", async function () {
        const inputs = checked({ channelType: "slack", name: "moving", config: { url: slackUrl }, verify: true });
        const { id, outs } = await provider.create(inputs);
        emulator.resetRequests();
        const renamed = { ...inputs, name: "moved" };
        const afterRename = await provider.update!(id, outs!, renamed);
        assert.equal(tests(), 0);

        failNextTest();
        const moved = { ...renamed, config: { url: `${slackUrl}-2` } } as ChannelInput;
        await assert.rejects(provider.update!(id, afterRename.outs!, moved), /did not deliver/);
        assert.equal(tests(), 1);
    });
});
