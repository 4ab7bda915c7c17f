import type { StoredAlertRule } from "./stored-alert-rule";

/** An alert rule as `POST /v1/alert-rules` takes it (wire field names), plus `enabled` for a rule made out of band. */
export interface AlertRuleInput {
    name: string;
    description?: string;
    /** `failure_rate`, `latency`, `volume_drop`, `dlq` or `issue_opened`. */
    rule_type: string;
    /** Per type, as `alert-rules/rule-config.ts` lists; omitted counts as `{}`. */
    rule_config?: Record<string, unknown>;
    source_id?: string;
    destination_id?: string;
    /** Ids of channels of the same project. @default [] */
    channel_ids?: string[];
    /** @default 60 */
    cooldown_minutes?: number;
    /** @default true */
    enabled?: boolean;
}

/** A change as `PATCH /v1/alert-rules/{id}` takes it: `rule_config` and `channel_ids` replace; `null` clears a scope. */
export interface AlertRulePatch {
    name?: string;
    description?: string;
    enabled?: boolean;
    rule_config?: Record<string, unknown>;
    source_id?: string | null;
    destination_id?: string | null;
    channel_ids?: string[];
    cooldown_minutes?: number;
}

/** What `Emulator` offers for alert rules, out of band (`kind.ts` implements it). */
export interface AlertRuleMethods {
    /** Copies of the stored alert rules, oldest first: `rule_config` an object, `channel_ids` an array, ISO timestamps. */
    alertRules(project?: string): StoredAlertRule[];
    /** Adds a rule as if made in hookstream's dashboard. Throws when the API would refuse the input. */
    createAlertRule(project: string, input: AlertRuleInput): StoredAlertRule;
    /** Changes a rule out of band, validated as a PATCH. Throws for an unknown id or a change the API would refuse. */
    patchAlertRule(id: string, patch: AlertRulePatch): StoredAlertRule;
    /** Deletes a rule out of band. Throws for an unknown id. */
    removeAlertRule(id: string): void;
}
