import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { createFinishTypeToken } from "../../provider/create-finish/type-token";
import { checkApiMatchesState, checkCreatesFinished, findLeaks, findMarkedNames, idsInState } from "./invariants";
import { SoakProgram } from "./soak-program";

/** The soak's checks catch what they exist for: each is shown failing on a hookstream that differs from the program. */

const apiKey = "hs_test_" + "1a".repeat(32);
const project = "invariants";
const channelToken = "pulumi-nodejs:dynamic/hookstream:NotificationChannel";
const ruleToken = "pulumi-nodejs:dynamic/hookstream:AlertRule";

describe("soak invariants", function () {
    let emulator: Emulator;
    let program: SoakProgram;
    let state: { channels: Map<string, string>; rules: Map<string, string> };

    beforeEach(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: project } });
        program = new SoakProgram("invtok");
        program.channels.set("hook", {
            channelType: "webhook",
            name: "hook",
            enabled: true,
            config: program.configFor("webhook", 1),
        });
        program.rules.set("rule", {
            ruleType: "latency",
            name: "rule",
            ruleConfig: { thresholdMs: 500 },
            channels: ["hook"],
            enabled: true,
            cooldownMinutes: 15,
        });
        const channel = emulator.createChannel(project, {
            name: "hook",
            channel_type: "webhook",
            config: program.resolve(program.channels.get("hook")!.config),
        });
        const rule = emulator.createAlertRule(project, {
            name: "rule",
            rule_type: "latency",
            rule_config: { threshold_ms: 500 },
            channel_ids: [channel.id],
            cooldown_minutes: 15,
        });
        state = idsInState({
            resources: [
                { urn: `urn:pulumi:s::p::${channelToken}::hook`, type: channelToken, id: channel.id },
                { urn: `urn:pulumi:s::p::${ruleToken}::rule`, type: ruleToken, id: rule.id },
                { urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", type: "pulumi:pulumi:Stack" },
            ],
        });
    });

    afterEach(async function () {
        await emulator.close();
    });

    const check = () => checkApiMatchesState(program, state, emulator, project);

    it("finds nothing when hookstream holds exactly the program", function () {
        assert.deepEqual(check(), []);
    });

    it("reports a channel hookstream holds that state does not know, and a second one of the same name", function () {
        const orphan = emulator.createChannel(project, {
            name: "hook",
            channel_type: "email",
            config: { recipients: ["x@example.com"] },
        });
        assert.deepEqual(check(), [
            `channel ${orphan.id} ("hook") is in hookstream but not in state`,
            `hookstream holds 2 channels named "hook"`,
        ]);
    });

    it("reports a rotated secret hookstream never received, without printing it", function () {
        program.rotate("whsec-1");
        const violations = check();
        assert.deepEqual(violations, [
            `channel hook (${state.channels.get("hook")}) differs from its declaration in config`,
        ]);
    });

    it("reports a rule whose channels or thresholds differ, and resources missing from hookstream", function () {
        program.rules.get("rule")!.ruleConfig = { thresholdMs: 750 };
        emulator.patchAlertRule(state.rules.get("rule")!, { channel_ids: [] });
        emulator.deleteChannel(state.channels.get("hook")!);
        const violations = check();
        assert.ok(
            violations.includes(`channel hook (${state.channels.get("hook")}) is in state but not in hookstream`),
        );
        assert.ok(
            violations.some((v) => v.startsWith(`rule rule (${state.rules.get("rule")}) differs in rule_config`)),
        );
        assert.ok(
            violations.some((v) => v.startsWith(`rule rule (${state.rules.get("rule")}) differs in channel_ids`)),
        );
    });

    it("reports declared resources missing from state, and state holding undeclared ones", function () {
        program.channels.delete("hook");
        program.rules.set("other", { ...program.rules.get("rule")!, name: "other" });
        const violations = check();
        assert.ok(violations.includes("channels in state but no longer declared: hook"));
        assert.ok(violations.includes("rules declared but not in state: other"));
    });

    it("reports an object whose name still carries a create's marker, and nothing for declared names", function () {
        assert.deepEqual(findMarkedNames(emulator, project), []);
        const marked = emulator.createChannel(project, {
            name: "hook [creating 0123456789abcdef]",
            channel_type: "email",
            config: { recipients: ["x@example.com"] },
        });
        assert.deepEqual(findMarkedNames(emulator, project), [
            `channel ${marked.id} is still named "hook [creating 0123456789abcdef]", marked as an unfinished create`,
        ]);
    });

    it("reports a resource in no CreateFinish step, one in two, and a step finishing an object not in state", function () {
        const channelUrn = `urn:pulumi:s::p::${channelToken}::hook`;
        const ruleUrn = `urn:pulumi:s::p::${ruleToken}::rule`;
        const finish = (name: string, ...objectIds: string[]) => ({
            urn: `urn:pulumi:s::p::${createFinishTypeToken}::${name}`,
            type: createFinishTypeToken,
            inputs: { members: objectIds.map((objectId) => ({ objectId })) },
        });
        const resources = [
            { urn: channelUrn, type: channelToken, id: "c1" },
            { urn: ruleUrn, type: ruleToken, id: "r1" },
        ];
        assert.deepEqual(checkCreatesFinished({ resources: [...resources, finish("program", "c1", "r1")] }), []);
        assert.deepEqual(
            checkCreatesFinished({ resources: [...resources, finish("program", "c1", "g1"), finish("late", "c1")] }),
            [
                "hook (c1) is in 2 CreateFinish steps in state",
                "rule (r1) is in no CreateFinish step in state",
                `the CreateFinish step urn:pulumi:s::p::${createFinishTypeToken}::program finished g1, which is not in state`,
            ],
        );
    });

    it("finds a secret in text, naming where and which but not the secret itself", function () {
        program.rotate("whsec-1");
        const leaks = findLeaks(program.secretTokens, { "the log": `x ${program.secrets.get("whsec-1")} y` });
        assert.deepEqual(leaks, ["secret whsec-1 (version 2) is in the clear in the log"]);
        assert.deepEqual(findLeaks(program.secretTokens, { "the log": "nothing here" }), []);
    });
});
