import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../../emulator";
import { callApi, callControl } from "../call-api";

const key = "hs_test_" + "f".repeat(64);
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };

describe("emulator: alert rules out of band", function () {
    let emulator: Emulator;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [key]: "ops", hs_test_other: "other" } });
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.reset();
        emulator.shape = "reference";
    });

    it("creates, patches and removes rules the API then serves, with the documented defaults", async function () {
        const channel = emulator.createChannel("ops", webhook);
        const rule = emulator.createAlertRule("ops", {
            name: "quiet",
            rule_type: "volume_drop",
            rule_config: { threshold: 50 },
            channel_ids: [channel.id],
            enabled: false,
        });
        assert.deepEqual(
            [rule.enabled, rule.cooldown_minutes, rule.description, rule.source_id, rule.trigger_count],
            [false, 60, null, null, 0],
        );
        const served = await callApi(emulator, "GET", `/alert-rules/${rule.id}`, { key });
        assert.deepEqual(
            [served.body.alert_rule.enabled, served.body.alert_rule.channel_ids],
            [0, `["${channel.id}"]`],
        );
        const patched = emulator.patchAlertRule(rule.id, { enabled: true, channel_ids: [] });
        assert.deepEqual([patched.enabled, patched.channel_ids], [true, []]);
        emulator.removeAlertRule(rule.id);
        assert.equal((await callApi(emulator, "GET", `/alert-rules/${rule.id}`, { key })).status, 404);
        assert.equal(emulator.requests.length, 2, "out-of-band changes are not requests");
    });

    it("hands out copies, and filters by project", function () {
        emulator.createAlertRule("ops", { name: "mine", rule_type: "issue_opened" });
        emulator.createAlertRule("other", { name: "theirs", rule_type: "issue_opened" });
        const [mine] = emulator.alertRules("ops");
        mine!.channel_ids.push("nc_x");
        mine!.name = "changed";
        assert.deepEqual(
            emulator.alertRules().map((rule) => [rule.project, rule.name, rule.channel_ids]),
            [
                ["ops", "mine", []],
                ["other", "theirs", []],
            ],
        );
    });

    it("throws for an unknown project, an invalid rule, another project's channel, an unknown id or an empty patch", function () {
        const theirs = emulator.createChannel("other", webhook);
        const rule = emulator.createAlertRule("ops", { name: "r", rule_type: "issue_opened" });
        assert.throws(() => emulator.createAlertRule("nobody", { name: "r", rule_type: "issue_opened" }), /'project'/);
        assert.throws(() => emulator.createAlertRule("ops", { name: "r", rule_type: "nope" }), /'rule_type'/);
        assert.throws(
            () => emulator.createAlertRule("ops", { name: "r", rule_type: "issue_opened", channel_ids: [theirs.id] }),
            /'channel_ids.0'/,
        );
        assert.throws(() => emulator.patchAlertRule("ar_missing", { name: "x" }), /Alert rule not found/);
        assert.throws(() => emulator.patchAlertRule(rule.id, {}), /No fields to update/);
        assert.throws(() => emulator.removeAlertRule("ar_missing"), /Alert rule not found/);
        assert.deepEqual(emulator.alertRules(), [rule]);
    });

    describe("through the control API", function () {
        it("lists, creates, patches and deletes rules in canonical form", async function () {
            const created = await callControl(emulator, "POST", "/alert-rules", {
                project: "ops",
                name: "r",
                rule_type: "dlq",
                rule_config: { threshold: 3 },
            });
            assert.equal(created.status, 201);
            const id: string = created.body.alert_rule.id;
            assert.deepEqual(created.body.alert_rule, emulator.alertRules()[0]);
            const patched = await callControl(emulator, "PATCH", `/alert-rules/${id}`, { cooldown_minutes: 5 });
            assert.deepEqual([patched.status, patched.body.alert_rule.cooldown_minutes], [200, 5]);
            const listed = await callControl(emulator, "GET", "/alert-rules?project=other");
            assert.deepEqual(listed.body, { alert_rules: [] });
            assert.equal((await callControl(emulator, "DELETE", `/alert-rules/${id}`)).status, 204);
            assert.equal((await callControl(emulator, "DELETE", `/alert-rules/${id}`)).status, 404);
            const invalid = await callControl(emulator, "POST", "/alert-rules", { project: "ops", name: "r" });
            assert.deepEqual([invalid.status, invalid.body.error], [400, "Invalid body: 'rule_type' is required"]);
        });

        it("resets rules with everything else", async function () {
            emulator.createAlertRule("ops", { name: "r", rule_type: "issue_opened" });
            assert.equal((await callControl(emulator, "POST", "/reset")).status, 204);
            assert.deepEqual(emulator.alertRules(), []);
        });
    });
});
