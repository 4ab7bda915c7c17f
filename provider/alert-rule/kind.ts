import type { ResourceKind } from "../core/resource-kind";
import { diffRule } from "./diff";
import { createRule, deleteRule, getRule, listRulePage, updateRule, type RulePatchBody } from "./endpoints";
import { observedConfig, toInputs, toOutputs, type RuleOutputs } from "./outputs";
import { toCreateBody, toPatchBody } from "./request";
import type { Rule } from "./response";
import { ruleArgumentNames } from "./fields";
import { anyTypeInputSchema, ruleInputSchema, type RuleInput } from "./schema";
import { ruleTypeTokens } from "./type-token";

/** The AlertRule, described once: core builds its provider, the registry lists it. */
export const alertRule: ResourceKind<RuleInput, RuleOutputs, Rule, RulePatchBody> = {
    name: "AlertRule",
    label: "alert rule",
    tokens: ruleTypeTokens,
    inputRules: {
        schema: ruleInputSchema,
        discriminator: { key: "ruleType", schemaWithoutIt: anyTypeInputSchema },
        // PATCH has no `rule_type` (docs/hookstream-api.md §6.5).
        replaceOnChange: ["ruleType"],
        argumentNames: ruleArgumentNames,
        nestedHint: "for this rule type (ruleConfig keys are camelCase, e.g. thresholdMs; see the README)",
        defaults: { enabled: true, cooldownMinutes: 60, channelIds: [] },
    },
    endpoints: {
        listPage: listRulePage,
        get: getRule,
        create: (api, declared, name) => createRule(api, { ...toCreateBody(declared), name }),
        update: updateRule,
        delete: deleteRule,
    },
    toOutputs,
    toInputs,
    diff: diffRule,
    patch: toPatchBody,
    // hookstream fills in defaults for config fields the program never declared: adoption must not undo them.
    adoptionView: (existing, declared) => ({ ...existing, ruleConfig: observedConfig(existing, declared.ruleConfig) }),
};
