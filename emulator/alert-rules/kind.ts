import { defineKind } from "../define-kind";
import type { AlertRuleMethods } from "./methods";
import { AlertRuleStore } from "./store";
import { parseAlertRulePatch, parseCreateAlertRule, parseSeedAlertRule } from "./validate";
import { renderAlertRule, renderAlertRuleResponse, renderAlertRuleWithHistory } from "./wire";

/**
 * Alert rules: `/v1/alert-rules` (`docs/hookstream-api.md §6.1`). Rules have no `/test` and no enable/disable
 * endpoint. A rule lists channels of its project in `channel_ids` (§6.8).
 */
export const alertRulesKind = defineKind({
    name: "alert-rules",
    noun: "alert rule",
    path: "alert-rules",
    idPrefix: "ar",
    createStore: (organization) => new AlertRuleStore(organization),
    validate: {
        create: parseCreateAlertRule,
        seed: parseSeedAlertRule,
        update: (body, rule) => parseAlertRulePatch(body, rule.rule_type),
    },
    wire: {
        listKey: "alert_rules",
        itemKey: "alert_rule",
        render: renderAlertRule,
        renderResponse: renderAlertRuleResponse,
        renderRetrieved: renderAlertRuleWithHistory,
    },
    references: {
        kind: "channels",
        field: "channel_ids",
        idsOf: (fields) => fields.channel_ids ?? [],
        report: { referrer: "ruleId", referenced: "channelId" },
    },
    methods: (context): AlertRuleMethods => ({
        alertRules: (project) => context.list(project),
        createAlertRule: (project, input) => context.create("createAlertRule", project, input),
        patchAlertRule: (id, patch) => context.update("patchAlertRule", id, patch),
        removeAlertRule: (id) => context.remove("removeAlertRule", id),
    }),
});
