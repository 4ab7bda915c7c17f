/**
 * Everything pulumi-hookstream knows about each alert-rule type, in one place: the public `ruleConfig` types and how
 * each field is spelled on the wire. zod's schema for each type (schema.ts) is checked against these types by the
 * compiler. Free of zod on purpose: the program side (resource.ts) loads this file, and must not load zod.
 *
 * hookstream's pages disagree on the configs (docs/hookstream-api.md §6.7 and §8 rows 17–20). The API page (AR) is
 * followed for what is sent; every documented spelling is read back.
 */

/** `failure_rate`: fires when the share of failed deliveries in the evaluation window goes above `threshold`. */
export interface FailureRateConfig {
    /**
     * The failure share, as a fraction from 0 to 1: `0.1` means 10 %. Not a percentage: hookstream's API page
     * documents a fraction, and `10` would mean 1000 % and never fire.
     * @example 0.1
     */
    threshold: number;
}

/** `latency`: fires when delivery latency at `percentileTarget` goes above `thresholdMs`. */
export interface LatencyConfig {
    /**
     * The latency limit in milliseconds, a positive integer.
     * @example 2000
     */
    thresholdMs: number;
    /**
     * The latency percentile compared with `thresholdMs`, above 0 and below 100. When left out hookstream uses its
     * own default (its guide names p95).
     * @example 95
     */
    percentileTarget?: number;
}

/** `volume_drop`: fires when event volume falls below `threshold` compared with the previous window. */
export interface VolumeDropConfig {
    /**
     * Passed to hookstream as given; its unit is not documented (hookstream's guide shows `50`). At least 0.
     * @example 50
     */
    threshold: number;
}

/** `dlq`: fires once the number of events in the dead-letter queue is above `threshold`. */
export interface DlqConfig {
    /**
     * A count of events, a whole number of at least 0.
     * @example 5
     */
    threshold: number;
}

/** `issue_opened`: fires when hookstream opens a new issue. It takes no settings. */
export type IssueOpenedConfig = Record<string, never>;

/** Each rule type and the shape of its `ruleConfig`. */
export interface RuleConfigs {
    failure_rate: FailureRateConfig;
    latency: LatencyConfig;
    volume_drop: VolumeDropConfig;
    dlq: DlqConfig;
    issue_opened: IssueOpenedConfig;
}

export type RuleType = keyof RuleConfigs;

/** What the provider must know about one rule type, beyond the shape of its config. */
export interface RuleTypeDescriptor<Config> {
    /** Per config field, its wire names: the first is sent, and every one is read back. */
    wireKeys: { [K in keyof Config]-?: readonly [string, ...string[]] };
    /**
     * Optional fields hookstream may fill in with a default of its own: what hookstream reports for one is ignored
     * unless the program declares it, so an undeclared default never shows as drift.
     */
    serverDefaulted: readonly (keyof Config & string)[];
}

export const ruleTypeDescriptors: { [T in RuleType]: RuleTypeDescriptor<RuleConfigs[T]> } = {
    failure_rate: { wireKeys: { threshold: ["threshold"] }, serverDefaulted: [] },
    latency: {
        // AR documents `threshold_ms`; the guide's example writes `threshold` (docs/hookstream-api.md §8 row 18).
        wireKeys: { thresholdMs: ["threshold_ms", "threshold"], percentileTarget: ["percentile_target"] },
        serverDefaulted: ["percentileTarget"],
    },
    volume_drop: { wireKeys: { threshold: ["threshold"] }, serverDefaulted: [] },
    dlq: { wireKeys: { threshold: ["threshold"] }, serverDefaulted: [] },
    issue_opened: { wireKeys: {}, serverDefaulted: [] },
};

/** The fields of a type's config whose reported value counts only when declared; none for an unknown type. */
export function serverDefaultedFieldsOf(ruleType: unknown): readonly string[] {
    return isRuleType(ruleType) ? ruleTypeDescriptors[ruleType].serverDefaulted : [];
}

export const ruleTypes = Object.keys(ruleTypeDescriptors) as RuleType[];

export function isRuleType(value: unknown): value is RuleType {
    return typeof value === "string" && Object.hasOwn(ruleTypeDescriptors, value);
}
