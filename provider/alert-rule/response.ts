import { z } from "zod";
import { toIsoTimestamp } from "../core/timestamps";
import { envelopedResponse, isEnabled, isObject, pageResponse, parseJsonText } from "../core/wire-response";
import { fromWireConfig } from "./rule-config-wire";

/**
 * hookstream's docs disagree on what an alert rule looks like on the wire (docs/hookstream-api.md §6.9 and §8 rows
 * 13, 21–26, 31): the generated reference sends all 16 fields with `rule_config` and `channel_ids` as JSON text and
 * `enabled` as 0/1; the API page's examples show native JSON types and fewer fields. Both come enveloped as
 * `{alert_rule:{…}}` (GET adds `history`, which is not kept); a flat object is read too. Every form is read into one
 * `Rule`, with `ruleConfig` in its public camelCase form.
 */

export interface Rule {
    id: string;
    orgId?: string;
    envId?: string;
    name: string;
    description?: string;
    ruleType: string;
    ruleConfig: Record<string, unknown>;
    sourceId?: string;
    destinationId?: string;
    channelIds: string[];
    cooldownMinutes: number;
    enabled: boolean;
    lastTriggeredAt?: string;
    triggerCount?: number;
    createdAt?: string;
    updatedAt?: string;
    /**
     * Set when the answer lacks fields a read reports (the API page's examples leave several out): a list item like
     * that is read again with its own GET.
     */
    partial?: true;
}

/** hookstream's documented default (AR), for the examples that leave the field out. */
const defaultCooldownMinutes = 60;

const optionalText = z.string().nullish();
const wholeNumber = z.union([z.number(), z.string().regex(/^\d+$/)]).nullish();

const wireRule = z
    .object({
        id: z.union([z.string().min(1), z.number()]),
        org_id: optionalText,
        env_id: optionalText,
        name: z.string(),
        description: optionalText,
        rule_type: z.string(),
        rule_config: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
        source_id: optionalText,
        destination_id: optionalText,
        channel_ids: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).nullish(),
        cooldown_minutes: wholeNumber,
        enabled: z.union([z.boolean(), z.number(), z.enum(["0", "1", "true", "false"])]).nullish(),
        last_triggered_at: optionalText,
        trigger_count: wholeNumber,
        created_at: optionalText,
        updated_at: optionalText,
    })
    .transform((wire, ctx): Rule => {
        const config = parseJsonText(wire.rule_config, isObject);
        if (config === undefined) {
            ctx.addIssue({ code: "custom", message: "rule_config is text that does not hold a JSON object" });
            return z.NEVER;
        }
        const channelIds = parseJsonText(wire.channel_ids, Array.isArray);
        if (channelIds === undefined) {
            ctx.addIssue({ code: "custom", message: "channel_ids is text that does not hold a JSON list" });
            return z.NEVER;
        }
        const rule: Rule = {
            id: String(wire.id),
            name: wire.name,
            ruleType: wire.rule_type,
            ruleConfig: fromWireConfig(wire.rule_type, config ?? {}),
            channelIds: (channelIds ?? []).map(String),
            cooldownMinutes: wire.cooldown_minutes == null ? defaultCooldownMinutes : Number(wire.cooldown_minutes),
            enabled: isEnabled(wire.enabled),
        };
        // Absent and null alike are left out: outputs must never hold undefined (pulumi/pulumi#2205).
        if (wire.org_id != null) rule.orgId = wire.org_id;
        if (wire.env_id != null) rule.envId = wire.env_id;
        if (wire.description != null) rule.description = wire.description;
        if (wire.source_id != null) rule.sourceId = wire.source_id;
        if (wire.destination_id != null) rule.destinationId = wire.destination_id;
        if (wire.trigger_count != null) rule.triggerCount = Number(wire.trigger_count);
        if (wire.last_triggered_at != null) rule.lastTriggeredAt = toIsoTimestamp(wire.last_triggered_at);
        if (wire.created_at != null) rule.createdAt = toIsoTimestamp(wire.created_at);
        if (wire.updated_at != null) rule.updatedAt = toIsoTimestamp(wire.updated_at);
        const listedWithoutDetail = [wire.enabled, wire.cooldown_minutes, wire.channel_ids, wire.updated_at];
        if (listedWithoutDetail.includes(undefined)) rule.partial = true;
        return rule;
    });

/** One rule, enveloped (`{alert_rule:{…}}`, with or without `history`) or flat. */
export const ruleResponse = envelopedResponse("alert_rule", wireRule);

/**
 * One page of the list: `{alert_rules, cursor?, has_more?}`. The API page's example has no pagination fields
 * (docs/hookstream-api.md §6.2, §8 row 30), so a page without them is the last.
 */
export const rulePageResponse = pageResponse("alert_rules", wireRule, "alert_rule");
