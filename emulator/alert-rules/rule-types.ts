/** The five rule types; AR, GUIDE and R-AR-CREATE's enum agree (hookstream-alert-rules.md §1.2, §2.1). */
export const ruleTypes = ["failure_rate", "latency", "volume_drop", "dlq", "issue_opened"] as const;
export type RuleType = (typeof ruleTypes)[number];
