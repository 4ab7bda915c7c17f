/**
 * The bad-input matrix for AlertRule arguments: what `check` must reject, at which property, and with which words.
 */

export interface BadInputCase {
    /** A noun phrase describing the input ("a percentage threshold"). */
    title: string;
    inputs: Record<string, unknown>;
    /** The exact `property` of the expected check failure (zod dot path). */
    property: string;
    /** A fragment of the expected reason, matched case-insensitively. */
    reason: string;
}

function rule(ruleType: string, ruleConfig: unknown, overrides: Record<string, unknown> = {}) {
    return {
        ruleType,
        ruleConfig,
        name: "ops rule",
        channelIds: ["nc_a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2"],
        ...overrides,
    };
}

const failureRate = (config: unknown = { threshold: 0.1 }, overrides: Record<string, unknown> = {}) =>
    rule("failure_rate", config, overrides);

export const badInputCases: BadInputCase[] = [
    // ruleType
    {
        title: "a missing ruleType",
        inputs: { name: "x", ruleConfig: {} },
        property: "ruleType",
        reason: "must be one of",
    },
    {
        title: "an unknown ruleType",
        inputs: rule("circuit_breaker", {}),
        property: "ruleType",
        reason: '"issue_opened"',
    },
    {
        title: "a camelCase ruleType",
        inputs: rule("failureRate", { threshold: 0.1 }),
        property: "ruleType",
        reason: "must be one of",
    },
    {
        title: "a numeric ruleType",
        inputs: rule(3 as unknown as string, {}),
        property: "ruleType",
        reason: "must be one of",
    },

    // ruleConfig: failure_rate
    {
        title: "a failure_rate rule without config",
        inputs: rule("failure_rate", undefined),
        property: "ruleConfig",
        reason: "ruleConfig is required",
    },
    {
        title: "a failure_rate config that is a list",
        inputs: failureRate([0.1]),
        property: "ruleConfig",
        reason: "not a list",
    },
    {
        title: "a failure_rate config that is JSON text",
        inputs: failureRate('{"threshold":0.1}'),
        property: "ruleConfig",
        reason: "must be an object",
    },
    {
        title: "a failure_rate config without threshold",
        inputs: failureRate({}),
        property: "ruleConfig.threshold",
        reason: "is required",
    },
    {
        title: "a percentage failure threshold",
        inputs: failureRate({ threshold: 10 }),
        property: "ruleConfig.threshold",
        reason: "0.1 means 10 %",
    },
    {
        title: "a failure threshold just above 1",
        inputs: failureRate({ threshold: 1.01 }),
        property: "ruleConfig.threshold",
        reason: "fraction from 0 to 1",
    },
    {
        title: "a negative failure threshold",
        inputs: failureRate({ threshold: -0.1 }),
        property: "ruleConfig.threshold",
        reason: "at least 0",
    },
    {
        title: "a failure threshold given as text",
        inputs: failureRate({ threshold: "0.1" }),
        property: "ruleConfig.threshold",
        reason: "not string",
    },
    {
        title: "a NaN failure threshold",
        inputs: failureRate({ threshold: NaN }),
        property: "ruleConfig.threshold",
        reason: "ruleConfig.threshold",
    },
    {
        title: "an infinite failure threshold",
        inputs: failureRate({ threshold: Infinity }),
        property: "ruleConfig.threshold",
        reason: "ruleConfig.threshold",
    },
    {
        title: "a thresholdMs on a failure_rate rule",
        inputs: failureRate({ threshold: 0.1, thresholdMs: 5 }),
        property: "ruleConfig.thresholdMs",
        reason: "not a known argument for this rule type",
    },

    // ruleConfig: latency
    {
        title: "a latency config in wire spelling",
        inputs: rule("latency", { threshold_ms: 2000 }),
        property: "ruleConfig.threshold_ms",
        reason: "camelCase",
    },
    {
        title: "a latency config in the guide's spelling",
        inputs: rule("latency", { threshold: 2000 }),
        property: "ruleConfig.threshold",
        reason: "not a known argument",
    },
    {
        title: "a latency config without thresholdMs",
        inputs: rule("latency", { percentileTarget: 95 }),
        property: "ruleConfig.thresholdMs",
        reason: "is required",
    },
    {
        title: "a fractional thresholdMs",
        inputs: rule("latency", { thresholdMs: 1500.5 }),
        property: "ruleConfig.thresholdMs",
        reason: "whole number of milliseconds",
    },
    {
        title: "a zero thresholdMs",
        inputs: rule("latency", { thresholdMs: 0 }),
        property: "ruleConfig.thresholdMs",
        reason: "at least 1 millisecond",
    },
    {
        title: "a thresholdMs given as text",
        inputs: rule("latency", { thresholdMs: "2s" }),
        property: "ruleConfig.thresholdMs",
        reason: "not string",
    },
    {
        title: "a percentileTarget of 100",
        inputs: rule("latency", { thresholdMs: 2000, percentileTarget: 100 }),
        property: "ruleConfig.percentileTarget",
        reason: "below 100",
    },
    {
        title: "a percentileTarget of 0",
        inputs: rule("latency", { thresholdMs: 2000, percentileTarget: 0 }),
        property: "ruleConfig.percentileTarget",
        reason: "above 0",
    },
    {
        title: "a percentileTarget written p95",
        inputs: rule("latency", { thresholdMs: 2000, percentileTarget: "p95" }),
        property: "ruleConfig.percentileTarget",
        reason: "a percentile such as 95",
    },

    // ruleConfig: volume_drop, dlq, issue_opened
    {
        title: "a volume_drop config without threshold",
        inputs: rule("volume_drop", {}),
        property: "ruleConfig.threshold",
        reason: "is required",
    },
    {
        title: "a negative volume_drop threshold",
        inputs: rule("volume_drop", { threshold: -5 }),
        property: "ruleConfig.threshold",
        reason: "at least 0",
    },
    {
        title: "a null volume_drop config",
        inputs: rule("volume_drop", null),
        property: "ruleConfig",
        reason: "not null",
    },
    {
        title: "a fractional dlq threshold",
        inputs: rule("dlq", { threshold: 2.5 }),
        property: "ruleConfig.threshold",
        reason: "whole number of events",
    },
    {
        title: "a negative dlq threshold",
        inputs: rule("dlq", { threshold: -1 }),
        property: "ruleConfig.threshold",
        reason: "at least 0",
    },
    {
        title: "a boolean dlq threshold",
        inputs: rule("dlq", { threshold: true }),
        property: "ruleConfig.threshold",
        reason: "not boolean",
    },
    {
        title: "an issue_opened rule with a threshold",
        inputs: rule("issue_opened", { threshold: 1 }),
        property: "ruleConfig.threshold",
        reason: "not a known argument for this rule type",
    },
    {
        title: "an issue_opened config that is a string",
        inputs: rule("issue_opened", "none"),
        property: "ruleConfig",
        reason: "an empty object",
    },

    // name, description
    {
        title: "a missing name",
        inputs: failureRate(undefined, { ruleConfig: { threshold: 0.1 }, name: undefined }),
        property: "name",
        reason: "name is required",
    },
    {
        title: "an empty name",
        inputs: failureRate(undefined, { ruleConfig: { threshold: 0.1 }, name: "" }),
        property: "name",
        reason: "must not be empty",
    },
    {
        title: "a blank name",
        inputs: failureRate({ threshold: 0.1 }, { name: "   " }),
        property: "name",
        reason: "must not be blank",
    },
    {
        title: "a name with a newline",
        inputs: failureRate({ threshold: 0.1 }, { name: "ops\nrule" }),
        property: "name",
        reason: "control characters",
    },
    {
        title: "a name of 256 characters",
        inputs: failureRate({ threshold: 0.1 }, { name: "n".repeat(256) }),
        property: "name",
        reason: "at most 255",
    },
    {
        title: "a numeric name",
        inputs: failureRate({ threshold: 0.1 }, { name: 42 }),
        property: "name",
        reason: "not number",
    },
    {
        title: "a description of 1001 characters",
        inputs: failureRate({ threshold: 0.1 }, { description: "d".repeat(1001) }),
        property: "description",
        reason: "at most 1000",
    },
    {
        title: "a null description",
        inputs: failureRate({ threshold: 0.1 }, { description: null }),
        property: "description",
        reason: "not null",
    },

    // scope
    {
        title: "a sourceId with a space",
        inputs: failureRate({ threshold: 0.1 }, { sourceId: "src 1" }),
        property: "sourceId",
        reason: "hookstream id such as src_",
    },
    {
        title: "an empty destinationId",
        inputs: failureRate({ threshold: 0.1 }, { destinationId: "" }),
        property: "destinationId",
        reason: "hookstream id such as dst_",
    },
    {
        title: "a numeric destinationId",
        inputs: failureRate({ threshold: 0.1 }, { destinationId: 12 }),
        property: "destinationId",
        reason: "not number",
    },

    // channelIds
    {
        title: "channelIds as one string",
        inputs: failureRate({ threshold: 0.1 }, { channelIds: "nc_1" }),
        property: "channelIds",
        reason: "list of notification channel ids",
    },
    {
        title: "a duplicated channel id",
        inputs: failureRate({ threshold: 0.1 }, { channelIds: ["nc_1", "nc_2", "nc_1"] }),
        property: "channelIds[2]",
        reason: "listed twice (same id as entry 0)",
    },
    {
        title: "an empty channel id",
        inputs: failureRate({ threshold: 0.1 }, { channelIds: ["nc_1", ""] }),
        property: "channelIds[1]",
        reason: "hookstream id such as nc_",
    },
    {
        title: "a numeric channel id",
        inputs: failureRate({ threshold: 0.1 }, { channelIds: [7] }),
        property: "channelIds[0]",
        reason: "not number",
    },

    // cooldownMinutes, enabled, adopt
    {
        title: "a zero cooldown",
        inputs: failureRate({ threshold: 0.1 }, { cooldownMinutes: 0 }),
        property: "cooldownMinutes",
        reason: "at least 1",
    },
    {
        title: "a fractional cooldown",
        inputs: failureRate({ threshold: 0.1 }, { cooldownMinutes: 1.5 }),
        property: "cooldownMinutes",
        reason: "whole number of minutes",
    },
    {
        title: "a cooldown given as text",
        inputs: failureRate({ threshold: 0.1 }, { cooldownMinutes: "60" }),
        property: "cooldownMinutes",
        reason: "not string",
    },
    {
        title: "enabled as text",
        inputs: failureRate({ threshold: 0.1 }, { enabled: "yes" }),
        property: "enabled",
        reason: "true or false",
    },
    {
        title: "an adopt id with a slash",
        inputs: failureRate({ threshold: 0.1 }, { adopt: "ar_1/../x" }),
        property: "adopt",
        reason: "hookstream id such as ar_",
    },

    // unknown arguments
    {
        title: "a snake_case argument",
        inputs: failureRate({ threshold: 0.1 }, { cooldown_minutes: 5 }),
        property: "cooldown_minutes",
        reason: "not a known argument (expected ruleType",
    },
    {
        title: "a misspelt argument",
        inputs: failureRate({ threshold: 0.1 }, { channelId: "nc_1" }),
        property: "channelId",
        reason: "not a known argument",
    },
];
