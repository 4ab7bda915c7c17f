import type { Bag } from "../../support/provider-host";
import { serializedRuleProvider } from "../alert-rule-provider-text";
import type { LostCreateTable } from "./lost-create-table";

/** Each rule type once, declared as a program would, and the same rule in hookstream's wire spelling. */
const rules: Record<string, { declared: Bag; wire: Record<string, unknown> }> = {
    failure_rate: { declared: { threshold: 0.1 }, wire: { threshold: 0.1 } },
    latency: {
        declared: { thresholdMs: 1500, percentileTarget: 95 },
        wire: { threshold_ms: 1500, percentile_target: 95 },
    },
    volume_drop: { declared: { threshold: 50 }, wire: { threshold: 50 } },
    dlq: { declared: { threshold: 5 }, wire: { threshold: 5 } },
    issue_opened: { declared: {}, wire: {} },
};

/** The AlertRule in the lost-create suite: each rule type, notifying two channels of its project. */
export const alertRuleLostCreate: LostCreateTable = {
    kindName: "AlertRule",
    collection: "/v1/alert-rules",
    apiKey: "hs_test_" + "9".repeat(64),
    project: "rule-lost-create",
    providerText: serializedRuleProvider,
    prepare: (emulator, project) =>
        ["ops", "oncall"].map(
            (name) =>
                emulator.createChannel(project, {
                    name,
                    channel_type: "email",
                    config: { recipients: [`${name}@example.com`] },
                }).id,
        ),
    // The channels in another order than the seeds list them: the declared order is what the outputs keep.
    declared: (variant, refs) => ({
        ruleType: variant,
        ruleConfig: rules[variant]!.declared,
        name: `lost-${variant}`,
        channelIds: [...refs].reverse(),
    }),
    seed: (emulator, project, variant, refs, overrides = {}) =>
        emulator.createAlertRule(project, {
            name: `lost-${variant}`,
            rule_type: variant,
            rule_config: rules[variant]!.wire,
            channel_ids: [...refs],
            ...overrides,
        }).id,
    stored: (emulator, project) => emulator.alertRules(project),
    echoed: ["ruleConfig", "channelIds"],
    takeovers: [
        ...Object.keys(rules).map((variant) => ({ fault: "lose-response" as const, variant })),
        { fault: "malformed", variant: "latency" },
        { fault: "empty", variant: "failure_rate" },
    ],
    picks: {
        disabled: "dlq",
        paged: "latency",
        filler: "dlq",
        differing: "dlq",
        twoIdentical: "failure_rate",
        identicalBefore: "volume_drop",
        inFlight: "dlq",
        lookAlikeOnOtherPage: "issue_opened",
        finishFails: "latency",
        dropped: "latency",
        lookupFails: "dlq",
    },
    differingWire: { rule_config: { threshold: 6 } },
    credentials: [],
};
