import { ProjectStore } from "../project-store";
import type { AlertRuleFields, StoredAlertRule } from "./stored-alert-rule";
import type { AlertRuleChange } from "./validate";

export class AlertRuleStore extends ProjectStore<StoredAlertRule> {
    create(project: string, id: string, input: AlertRuleFields): StoredAlertRule {
        return this.insert(project, id, { ...input, last_triggered_at: null, trigger_count: 0 });
    }

    /**
     * `rule_config` and `channel_ids` are replaced whole (`docs/hookstream-api.md §6.5` leaves it open, as for a
     * channel's `config`); `null` clears a scope. Nothing documents that an update resets `last_triggered_at`, so it
     * stays.
     */
    update(rule: StoredAlertRule, change: AlertRuleChange): StoredAlertRule {
        for (const [field, value] of Object.entries(change)) {
            if (value !== undefined) Object.assign(rule, { [field]: value });
        }
        return this.touch(rule);
    }
}
