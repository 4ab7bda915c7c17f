import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../../emulator";
import { callApi, callControl } from "../call-api";

const key = "hs_test_" + "e".repeat(64);
const slackUrl = "https://hooks.slack.invalid/services/T000/B000/XXXXSECRET";

describe("emulator: POST /v1/notification-channels/{id}/test outcomes", function () {
    let emulator: Emulator;
    const test = (id: string) => callApi(emulator, "POST", `/notification-channels/${id}/test`, { key });

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [key]: "ops" } });
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.reset();
    });

    it("fails a channel whose host is under .invalid with 200, success false and an error naming no URL", async function () {
        const channel = emulator.createChannel("ops", { name: "s", channel_type: "slack", config: { url: slackUrl } });
        const response = await test(channel.id);
        assert.equal(response.status, 200);
        assert.deepEqual(response.body, {
            success: false,
            error: "Delivery failed: the channel's host could not be resolved",
        });
        assert.equal(JSON.stringify(response.body).includes("slack"), false, "no part of the URL is echoed");
        const [stored] = emulator.channels();
        assert.deepEqual([stored!.error_count, stored!.last_sent_at], [1, null]);
    });

    it("fails a webhook on the bare .invalid name and a trailing-dot host too", async function () {
        for (const url of ["https://invalid/hook", "https://down.example.invalid./hook"]) {
            const channel = emulator.createChannel("ops", { name: "w", channel_type: "webhook", config: { url } });
            assert.equal((await test(channel.id)).body.success, false, url);
        }
    });

    it("succeeds for a reachable-looking host and for email", async function () {
        const webhook = emulator.createChannel("ops", {
            name: "w",
            channel_type: "webhook",
            config: { url: "https://ops.example.com/hook" },
        });
        const email = emulator.createChannel("ops", {
            name: "e",
            channel_type: "email",
            config: { recipients: ["ops@example.invalid"] },
        });
        for (const channel of [webhook, email]) {
            assert.deepEqual((await test(channel.id)).body, { success: true, error: null }, channel.channel_type);
        }
    });

    it("answers a forced outcome until it is cleared, for email too", async function () {
        const email = emulator.createChannel("ops", {
            name: "e",
            channel_type: "email",
            config: { recipients: ["ops@example.com"] },
        });
        emulator.setTestOutcome(email.id, { success: false, error: "Mailbox full" });
        assert.deepEqual((await test(email.id)).body, { success: false, error: "Mailbox full" });
        assert.deepEqual((await test(email.id)).body, { success: false, error: "Mailbox full" });
        emulator.setTestOutcome(email.id, undefined);
        assert.deepEqual((await test(email.id)).body, { success: true, error: null });
        emulator.setTestOutcome(email.id, { success: false });
        assert.deepEqual((await test(email.id)).body, { success: false, error: "Delivery failed" });
        assert.equal(emulator.channels()[0]!.error_count, 3);
    });

    it("forces success on an .invalid host, and forgets forced outcomes on reset", async function () {
        const id = emulator.createChannel("ops", { name: "s", channel_type: "slack", config: { url: slackUrl } }).id;
        emulator.setTestOutcome(id, { success: true });
        assert.deepEqual((await test(id)).body, { success: true, error: null });
        emulator.reset();
        const again = emulator.createChannel("ops", { name: "s", channel_type: "slack", config: { url: slackUrl } });
        assert.equal((await test(again.id)).body.success, false);
    });

    it("refuses a forced error holding the channel's URL or secret, an unknown channel, and an error with success", function () {
        const channel = emulator.createChannel("ops", {
            name: "w",
            channel_type: "webhook",
            config: { url: "https://ops.example.com/hook", secret: "whsec_forced" },
        });
        assert.throws(
            () =>
                emulator.setTestOutcome(channel.id, {
                    success: false,
                    error: "timeout at https://ops.example.com/hook",
                }),
            /'error' must not contain the channel's URL or secret/,
        );
        assert.throws(
            () => emulator.setTestOutcome(channel.id, { success: false, error: "bad signature whsec_forced" }),
            (error: Error) => !error.message.includes("whsec_forced"),
        );
        assert.throws(() => emulator.setTestOutcome("nc_missing", { success: true }), /Notification channel not found/);
        assert.throws(() => emulator.setTestOutcome(channel.id, { success: true, error: "x" }), /'error' must be null/);
    });

    it("sets and clears a forced outcome through the control API", async function () {
        const { id } = emulator.createChannel("ops", {
            name: "w",
            channel_type: "webhook",
            config: { url: "https://ops.example.com/hook" },
        });
        const put = await callControl(emulator, "PUT", `/channels/${id}/test-outcome`, {
            success: false,
            error: "503",
        });
        assert.equal(put.status, 204);
        assert.deepEqual((await test(id)).body, { success: false, error: "503" });
        assert.equal((await callControl(emulator, "DELETE", `/channels/${id}/test-outcome`)).status, 204);
        assert.deepEqual((await test(id)).body, { success: true, error: null });
        const bad = await callControl(emulator, "PUT", `/channels/${id}/test-outcome`, { success: "no" });
        assert.deepEqual([bad.status, bad.body.error], [400, "Invalid test outcome: 'success' must be true or false"]);
    });
});
