import type { Organization } from "../organization";
import { ProjectStore } from "../project-store";
import type { RuleType } from "./rule-types";
import type { AlertRulePatch, NewAlertRule } from "./validate";

/** An alert rule as the emulator holds it: the canonical form, whatever shape the wire uses. */
export interface StoredAlertRule {
    id: string;
    org_id: string;
    env_id: string;
    /** The project (API key) the rule belongs to; only that key sees it. */
    project: string;
    name: string;
    description: string | null;
    rule_type: RuleType;
    rule_config: Record<string, unknown>;
    source_id: string | null;
    destination_id: string | null;
    channel_ids: string[];
    cooldown_minutes: number;
    enabled: boolean;
    /** Always null and 0: the emulator never evaluates rules (hookstream's cron does, every 5 minutes: AR). */
    last_triggered_at: string | null;
    trigger_count: number;
    /** ISO 8601, whole seconds. */
    created_at: string;
    updated_at: string;
}

export class AlertRuleStore extends ProjectStore<StoredAlertRule> {
    constructor(private readonly organization: Organization) {
        super();
    }

    create(project: string, id: string, input: NewAlertRule): StoredAlertRule {
        const now = this.organization.timestamp();
        return this.add({
            id,
            org_id: this.organization.id,
            env_id: this.organization.envId(project),
            project,
            ...input,
            last_triggered_at: null,
            trigger_count: 0,
            created_at: now,
            updated_at: now,
        });
    }

    /**
     * `rule_config` and `channel_ids` are replaced whole (hookstream-alert-rules.md §1.4 [I]); `null` clears a scope.
     * Nothing documents that an update resets `last_triggered_at`, so it stays.
     */
    update(rule: StoredAlertRule, patch: AlertRulePatch): StoredAlertRule {
        for (const [field, value] of Object.entries(patch)) {
            if (value !== undefined) Object.assign(rule, { [field]: value });
        }
        rule.updated_at = this.organization.timestamp();
        return rule;
    }
}
