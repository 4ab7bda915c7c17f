import type { InputRules } from "../core/check";
import { anyTypeInputSchema, ruleArgumentNames, ruleInputSchema, type RuleInput } from "./schema";

/** How `check` judges AlertRule arguments. */
export const ruleInputRules: InputRules<RuleInput> = {
    schema: ruleInputSchema,
    discriminator: { key: "ruleType", schemaWithoutIt: anyTypeInputSchema },
    argumentNames: ruleArgumentNames,
    nestedHint: "for this rule type (ruleConfig keys are camelCase, e.g. thresholdMs; see the README)",
    defaults: { enabled: true, cooldownMinutes: 60, channelIds: [] },
};
