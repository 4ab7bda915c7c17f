import { alertRule } from "../../provider/alert-rule/kind";
import { resourceKinds } from "../../provider/resources";
import { createEmailChannels } from "../support/email-channels";
import { badInputCases } from "../unit/alert-rule/bad-input-cases";
import { startEmulatorBench } from "./emulator-bench";
import { serializedRuleProvider } from "../reliability/alert-rule-provider-text";
import type { Bag, KindCase } from "./kind-case";

/**
 * The AlertRule's table for the generic suites: a dlq rule (its config is spelled the same in inputs and on the wire)
 * notifying two channels of its project, against the main emulator.
 */

const wire = (inputs: Bag) => ({
    name: String(inputs.name),
    rule_type: String(inputs.ruleType),
    rule_config: inputs.ruleConfig as Record<string, unknown>,
    channel_ids: inputs.channelIds as string[],
    cooldown_minutes: (inputs.cooldownMinutes as number | undefined) ?? 60,
    enabled: inputs.enabled === false ? false : true,
});

export const alertRuleCase: KindCase = {
    kind: alertRule,
    kinds: resourceKinds,
    providerText: async () => ({ text: await serializedRuleProvider() }),
    collection: "/v1/alert-rules",
    start: (apiKeys) =>
        startEmulatorBench(apiKeys, {
            stored: (emulator, project) => emulator.alertRules(project),
            seed: (emulator, project, inputs) => emulator.createAlertRule(project, wire(inputs)).id,
            seedElsewhere: (emulator, project) =>
                emulator.createAlertRule(project, { name: "elsewhere", rule_type: "issue_opened" }).id,
            remove: (emulator, id) => emulator.removeAlertRule(id),
            prepare: (emulator, project) => createEmailChannels(emulator, project, ["ops", "oncall"]),
        }),
    valid: (refs) => ({ ruleType: "dlq", ruleConfig: { threshold: 5 }, channelIds: [...refs.ids] }),
    update: { change: { cooldownMinutes: 15 }, patch: { cooldown_minutes: 15 } },
    replacing: { change: { ruleType: "failure_rate", ruleConfig: { threshold: 0.1 } }, replaces: ["ruleType"] },
    badInputs: badInputCases,
    sensitiveArguments: [],
    secrets: [],
};
