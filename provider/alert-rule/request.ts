import { diffRule, type ComparedFields } from "./diff";
import type { NewRuleBody, RulePatchBody } from "./endpoints";
import { toWireConfig } from "./rule-config-wire";
import type { RuleInput } from "./schema";

/** The body of `POST /v1/alert-rules` for checked inputs. `enabled` is not among its fields (docs/hookstream-api.md §6.3). */
export function toCreateBody(declared: RuleInput): NewRuleBody {
    const body: NewRuleBody = {
        name: declared.name,
        rule_type: declared.ruleType,
        rule_config: toWireConfig(declared.ruleType, declared.ruleConfig),
        channel_ids: declared.channelIds,
        cooldown_minutes: declared.cooldownMinutes,
    };
    if (declared.description) body.description = declared.description;
    if (declared.sourceId !== undefined) body.source_id = declared.sourceId;
    if (declared.destinationId !== undefined) body.destination_id = declared.destinationId;
    return body;
}

/**
 * The PATCH that brings `current` (stored outputs, or a rule read from hookstream) to `declared`: only what differs,
 * but `rule_config` and `channel_ids` whole, since merge-or-replace is undocumented (docs/hookstream-api.md §6.5).
 * A removed scope is sent as `null` and a removed description as `""`, the only ways the update schema allows.
 */
export function toPatchBody(current: ComparedFields, declared: RuleInput): RulePatchBody {
    const changed = diffRule(current, declared);
    const patch: RulePatchBody = {};
    for (const field of changed) {
        switch (field) {
            case "name":
                patch.name = declared.name;
                break;
            case "description":
                patch.description = declared.description ?? "";
                break;
            case "sourceId":
                patch.source_id = declared.sourceId ?? null;
                break;
            case "destinationId":
                patch.destination_id = declared.destinationId ?? null;
                break;
            case "channelIds":
                patch.channel_ids = declared.channelIds;
                break;
            case "cooldownMinutes":
                patch.cooldown_minutes = declared.cooldownMinutes;
                break;
            case "enabled":
                patch.enabled = declared.enabled;
                break;
            case "ruleConfig":
                patch.rule_config = toWireConfig(declared.ruleType, declared.ruleConfig);
                break;
            case "ruleType":
                // Replaced, never patched: PATCH has no `rule_type` (docs/hookstream-api.md §6.5).
                break;
        }
    }
    return patch;
}
