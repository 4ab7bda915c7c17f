import assert from "node:assert/strict";
import { alertRule } from "../../../provider/alert-rule/kind";
import type { Emulator } from "../../../emulator";
import { createEmailChannels } from "../../support/email-channels";
import type { Bag } from "../../support/provider-host";
import { serializedRuleProvider } from "../alert-rule-provider-text";
import { badInputCases as ruleBadInputCases } from "../../unit/alert-rule/bad-input-cases";
import type { BadInputTable } from "./bad-input-table";
import type { FaultTable } from "./fault-table";
import type { LostCreateTable } from "./lost-create-table";
import { emulatorShapes, startMainEmulator } from "./main-emulator";

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
export const alertRuleLostCreate: LostCreateTable<Emulator> = {
    kind: alertRule,
    collection: "/v1/alert-rules",
    apiKey: "hs_test_" + "9".repeat(64),
    project: "rule-lost-create",
    providerText: async () => ({ text: await serializedRuleProvider() }),
    start: startMainEmulator,
    prepare: (emulator, project) => createEmailChannels(emulator, project, ["ops", "oncall"]),
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
    shapes: emulatorShapes,
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

/** Per rule type, a first and a second config (the update), both valid. */
const configs: Array<[string, Bag, Bag]> = [
    ["failure_rate", { threshold: 0.1 }, { threshold: 0.25 }],
    ["latency", { thresholdMs: 2000 }, { thresholdMs: 3000, percentileTarget: 99 }],
    ["volume_drop", { threshold: 50 }, { threshold: 20 }],
    ["dlq", { threshold: 5 }, { threshold: 0 }],
    ["issue_opened", {}, {}],
];

/** The AlertRule in the fault matrix: rows rotate through the rule types; the update changes every mutable field. */
export const alertRuleFaults: FaultTable<Emulator> = {
    kind: alertRule,
    collection: "/v1/alert-rules",
    apiKey: "hs_test_" + "e".repeat(64),
    project: "rule-faults",
    providerText: async () => ({ text: await serializedRuleProvider() }),
    start: startMainEmulator,
    prepare: (emulator, project) => createEmailChannels(emulator, project, ["ops", "oncall"]),
    declare(name, row, version, refs) {
        const [ruleType, first, second] = configs[row % configs.length]!;
        const suffix = version === 1 ? "" : "-v2";
        return {
            ruleType,
            ruleConfig: version === 1 ? first : second,
            name: name + suffix,
            description: `fault row ${row}${suffix}`,
            channelIds: version === 1 ? [refs[0]] : [refs[1], refs[0]],
            cooldownMinutes: version === 1 ? 60 : 15,
        };
    },
    sentStrings: () => [],
    invalidBody: () => "Invalid body: 'rule_config.threshold' must be a number",
    notFound: "Alert rule not found",
    stored: (emulator, project) => emulator.alertRules(project),
    remove: (emulator, id) => emulator.removeAlertRule(id),
    heldAs: (emulator, project, name) =>
        emulator
            .alertRules(project)
            .filter((rule) => rule.name.startsWith(name))
            .map((rule) => ({
                name: rule.name,
                description: rule.description,
                channelIds: [...rule.channel_ids].sort(),
                cooldownMinutes: rule.cooldown_minutes,
                enabled: rule.enabled,
            })),
    expectedHeld: (declared, enabled) => ({
        name: declared.name,
        description: declared.description,
        channelIds: [...(declared.channelIds as string[])].sort(),
        cooldownMinutes: declared.cooldownMinutes,
        enabled,
    }),
    credentials: [],
    finalCheck(emulator) {
        assert.deepEqual(emulator.danglingReferences(), [], "no rule ever listed a missing channel");
    },
    timeouts: {
        project: "rule-timeouts",
        declared: (refs) => ({
            name: "timeout-post",
            ruleType: "dlq",
            ruleConfig: { threshold: 3 },
            channelIds: [refs[0]],
            cooldownMinutes: 60,
            enabled: true,
        }),
        seed: (emulator, project, name, refs) =>
            emulator.createAlertRule(project, {
                name,
                rule_type: "dlq",
                rule_config: { threshold: 3 },
                channel_ids: [refs[0]!],
                cooldown_minutes: 60,
            }).id,
        patch: { cooldown_minutes: 5 },
    },
};

/** The AlertRule's bad-input matrix, and a valid rule of every type. */
export const alertRuleBadInput: BadInputTable<Emulator> = {
    kind: alertRule,
    apiKey: "hs_test_" + "c".repeat(64),
    project: "rule-bad-input",
    providerText: async () => ({ text: await serializedRuleProvider() }),
    start: startMainEmulator,
    rows: ruleBadInputCases,
    failuresWithin: "argument",
    valid: (
        [
            ["failure_rate", { threshold: 0.1 }],
            ["latency", { thresholdMs: 2000, percentileTarget: 95 }],
            ["volume_drop", { threshold: 50 }],
            ["dlq", { threshold: 5 }],
            ["issue_opened", {}],
        ] as const
    ).map(([ruleType, ruleConfig]) => ({ ruleType, ruleConfig, name: "ok", channelIds: ["nc_1"] })),
};
