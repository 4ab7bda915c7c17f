import { renderTimestamp, type ResponseShape } from "../shapes";
import type { StoredAlertRule } from "./stored-alert-rule";

/**
 * An alert rule on the wire (`docs/hookstream-api.md §6.9`, §8 rows 4, 21, 22, 24 and 26):
 *
 * - `reference` (R-AR-*): all 16 fields; `rule_config` and `channel_ids` JSON strings, `enabled` 0/1, D1 timestamps,
 *   32-hex ids;
 * - `docs` (AR's examples): the same 16 fields with `rule_config` an object, `channel_ids` an array, `enabled` a
 *   boolean, ISO timestamps and `ar_` ids. AR's examples show fewer fields; every field is served anyway, as the docs
 *   shape of channels does, so a client reads the same data in both shapes.
 *
 * Both families wrap a rule in `{"alert_rule": …}` (AR and R-AR-CREATE agree, §6.3), unlike channels. Lists are
 * `{"alert_rules": […]}` (AR) with PAG's `cursor`/`has_more` in both shapes: PAG documents in prose that every list is
 * cursor-paginated, which outweighs their absence from AR's one example (§5.1, §8 row 30).
 */
export function renderAlertRule(rule: StoredAlertRule, shape: ResponseShape): Record<string, unknown> {
    const docs = shape === "docs";
    return {
        id: rule.id,
        org_id: rule.org_id,
        env_id: rule.env_id,
        name: rule.name,
        description: rule.description,
        enabled: docs ? rule.enabled : rule.enabled ? 1 : 0,
        rule_type: rule.rule_type,
        rule_config: docs ? rule.rule_config : JSON.stringify(rule.rule_config),
        source_id: rule.source_id,
        destination_id: rule.destination_id,
        channel_ids: docs ? rule.channel_ids : JSON.stringify(rule.channel_ids),
        cooldown_minutes: rule.cooldown_minutes,
        last_triggered_at: rule.last_triggered_at === null ? null : renderTimestamp(rule.last_triggered_at, shape),
        trigger_count: rule.trigger_count,
        created_at: renderTimestamp(rule.created_at, shape),
        updated_at: renderTimestamp(rule.updated_at, shape),
    };
}

/** The body of a create or update response. */
export function renderAlertRuleResponse(rule: StoredAlertRule, shape: ResponseShape): Record<string, unknown> {
    return { alert_rule: renderAlertRule(rule, shape) };
}

/**
 * The body of `GET /v1/alert-rules/{id}`: `history` beside `alert_rule` (R-AR-GET; the placement is assumed,
 * `docs/hookstream-api.md §6.4`). It is always empty, since the emulator never evaluates a rule.
 */
export function renderAlertRuleWithHistory(rule: StoredAlertRule, shape: ResponseShape): Record<string, unknown> {
    return { alert_rule: renderAlertRule(rule, shape), history: [] };
}
