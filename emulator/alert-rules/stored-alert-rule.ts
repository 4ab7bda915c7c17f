import type { ProjectRecord } from "../project-store";
import type { RuleType } from "./rule-types";

/** What a new rule is made of, defaults applied: no channels, a 60-minute cooldown (AR), `rule_config` `{}`. */
export interface AlertRuleFields {
    name: string;
    description: string | null;
    rule_type: RuleType;
    rule_config: Record<string, unknown>;
    source_id: string | null;
    destination_id: string | null;
    channel_ids: string[];
    cooldown_minutes: number;
    enabled: boolean;
}

/** An alert rule as the emulator holds it: the canonical form, whatever shape the wire uses. */
export interface StoredAlertRule extends ProjectRecord, AlertRuleFields {
    /**
     * Always null and 0: the emulator never evaluates rules (hookstream's cron does, every 5 minutes:
     * `docs/hookstream-api.md §6.9`).
     */
    last_triggered_at: string | null;
    trigger_count: number;
}
