/** The five rule types; AR, GUIDE and R-AR-CREATE's enum agree (`docs/hookstream-api.md §6.3`, §6.7). */
export const ruleTypes = ["failure_rate", "latency", "volume_drop", "dlq", "issue_opened"] as const;
export type RuleType = (typeof ruleTypes)[number];
