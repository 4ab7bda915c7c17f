import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../emulator";
import { callApi, callControl } from "./call-api";

const key = "hs_test_" + "d".repeat(64);
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };

describe("emulator.danglingReferences()", function () {
    let emulator: Emulator;
    const call = (method: string, path: string, body?: unknown) => callApi(emulator, method, path, { key, body });

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [key]: "ops" } });
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.reset();
    });

    async function ruleOn(channelIds: string[]): Promise<string> {
        const response = await call("POST", "/alert-rules", {
            name: "r",
            rule_type: "issue_opened",
            channel_ids: channelIds,
        });
        assert.equal(response.status, 201);
        return response.body.alert_rule.id as string;
    }

    it("reports the DELETE of a channel a rule still lists, with its request index, rule and channel", async function () {
        const channel = emulator.createChannel("ops", webhook);
        const ruleId = await ruleOn([channel.id]);
        assert.equal((await call("DELETE", `/notification-channels/${channel.id}`)).status, 200);
        assert.deepEqual(emulator.danglingReferences(), [
            {
                requestIndex: 1,
                after: `DELETE /v1/notification-channels/${channel.id}`,
                ruleId,
                channelId: channel.id,
                project: "ops",
            },
        ]);
    });

    it("stays empty when the rule lets go of the channel before the channel is deleted", async function () {
        const [kept, dropped] = [emulator.createChannel("ops", webhook), emulator.createChannel("ops", webhook)];
        const ruleId = await ruleOn([kept!.id, dropped!.id]);
        await call("PATCH", `/alert-rules/${ruleId}`, { channel_ids: [kept!.id] });
        await call("DELETE", `/notification-channels/${dropped!.id}`);
        await call("DELETE", `/alert-rules/${ruleId}`);
        await call("DELETE", `/notification-channels/${kept!.id}`);
        assert.equal(emulator.requests.length, 5);
        assert.deepEqual(emulator.danglingReferences(), []);
    });

    it("reports again after every later change while the rule still dangles, and never after a GET", async function () {
        const channel = emulator.createChannel("ops", webhook);
        const ruleId = await ruleOn([channel.id]);
        await call("DELETE", `/notification-channels/${channel.id}`);
        await call("GET", `/alert-rules/${ruleId}`);
        await call("PATCH", `/alert-rules/${ruleId}`, { name: "renamed" });
        await call("DELETE", `/alert-rules/${ruleId}`);
        assert.deepEqual(
            emulator.danglingReferences().map((reference) => [reference.requestIndex, reference.after]),
            [
                [1, `DELETE /v1/notification-channels/${channel.id}`],
                [3, `PATCH /v1/alert-rules/${ruleId}`],
            ],
        );
    });

    it("notes out-of-band and control-API deletes without a request index", async function () {
        const [first, second] = [emulator.createChannel("ops", webhook), emulator.createChannel("ops", webhook)];
        const rule = emulator.createAlertRule("ops", {
            name: "r",
            rule_type: "issue_opened",
            channel_ids: [first!.id],
        });
        emulator.deleteChannel(first!.id);
        emulator.removeAlertRule(rule.id);
        emulator.createAlertRule("ops", { name: "r2", rule_type: "issue_opened", channel_ids: [second!.id] });
        assert.equal((await callControl(emulator, "DELETE", `/channels/${second!.id}`)).status, 204);
        assert.deepEqual(
            emulator.danglingReferences().map(({ after, channelId }) => ({ after, channelId })),
            [
                { after: "deleteChannel", channelId: first!.id },
                { after: `DELETE /_emulator/channels/${second!.id}`, channelId: second!.id },
            ],
        );
        assert.equal(
            emulator.danglingReferences().some((reference) => "requestIndex" in reference),
            false,
        );
        const listed = await callControl(emulator, "GET", "/dangling-references");
        assert.deepEqual(listed.body, { dangling_references: emulator.danglingReferences() });
    });

    it("checks a delete that lost its response too, and forgets everything on reset", async function () {
        const channel = emulator.createChannel("ops", webhook);
        await ruleOn([channel.id]);
        emulator.inject({ method: "DELETE", path: "/v1/notification-channels/", action: { type: "lose-response" } });
        await assert.rejects(call("DELETE", `/notification-channels/${channel.id}`));
        assert.equal(emulator.danglingReferences().length, 1);
        emulator.reset();
        assert.deepEqual(emulator.danglingReferences(), []);
        assert.deepEqual(emulator.alertRules(), []);
    });
});
