import * as pulumi from "@pulumi/pulumi";
import type { InputTree } from "../core/input-tree";
import type { RuleConfigs, RuleType } from "./rule-types";
import { dynamicResourceProps } from "../core/dynamic-resource-props";
import { trimPromiseStacks } from "../core/promise-stacks";
import { finishCreateAfterSave } from "../create-finish/resource";
import { ruleArgumentNames, ruleComputedOutputs } from "./fields";
import shim = require("./shim");
import { ruleTypeTokens } from "./type-token";

export type {
    FailureRateConfig,
    LatencyConfig,
    VolumeDropConfig,
    DlqConfig,
    IssueOpenedConfig,
    RuleConfigs,
    RuleType,
} from "./rule-types";

/** The arguments every rule type shares. */
export interface AlertRuleCommonArgs {
    /**
     * The rule's display name in hookstream. 1–255 characters, not blank, no control characters.
     * @default the resource name
     */
    name?: pulumi.Input<string>;
    /**
     * Free text shown with the rule, at most 1000 characters. Removing it clears it in hookstream.
     * @example "Pages on-call when more than 10 % of deliveries fail"
     */
    description?: pulumi.Input<string>;
    /**
     * Limits the rule to one source. Removing it widens the rule to the whole project again.
     * @example "src_8f14e45fceea167a5a36dedd4bea2543"
     */
    sourceId?: pulumi.Input<string>;
    /**
     * Limits the rule to one destination. Removing it widens the rule to the whole project again.
     * @example "dst_c9f0f895fb98ab9159f51fd0297e236d"
     */
    destinationId?: pulumi.Input<string>;
    /**
     * The notification channels that receive the alert, usually `NotificationChannel` ids, so that Pulumi changes or
     * deletes the rule before the channels it uses. Distinct ids; their order does not matter. An empty list is
     * allowed: the rule is then recorded in hookstream's history without notifying anyone.
     * @default []
     * @example [opsSlack.id, oncallEmail.id]
     */
    channelIds?: pulumi.Input<pulumi.Input<string>[]>;
    /**
     * The least number of minutes between two alerts of this rule, a whole number of at least 1. hookstream evaluates
     * rules every 5 minutes, so values below 5 act as 5.
     * @default 60
     */
    cooldownMinutes?: pulumi.Input<number>;
    /**
     * Whether hookstream evaluates the rule. A disabled rule is kept with its settings.
     * @default true
     */
    enabled?: pulumi.Input<boolean>;
    /**
     * The id of an existing rule to take over instead of creating one. On create, the rule is read, its type
     * checked, and it is updated to the declared state; from then on it is an ordinary managed rule, and removing
     * `adopt` changes nothing. The `import` resource option does the same. Destroying the resource deletes the
     * rule: use `retainOnDelete` or `pulumi state delete` to let it go.
     * @example "ar_b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3"
     */
    adopt?: pulumi.Input<string>;
}

/**
 * The arguments of a rule type that takes settings. `ruleType` is a plain literal, not an `Input`: it chooses the
 * shape of `ruleConfig`, so TypeScript can name the wrong config field instead of blaming the type.
 */
export interface ThresholdRuleArgs<T extends Exclude<RuleType, "issue_opened">> extends AlertRuleCommonArgs {
    /**
     * What the rule watches. Changing it **replaces** the rule: hookstream cannot change a rule's type. The new rule
     * is created before the old one is deleted unless `deleteBeforeReplace` is set.
     */
    ruleType: T;
    /** When the rule fires; its shape depends on `ruleType`. Keys are camelCase (`thresholdMs`). */
    ruleConfig: InputTree<RuleConfigs[T]>;
}

/**
 * A rule that alerts when more than a share of deliveries fail.
 * @example { ruleType: "failure_rate", ruleConfig: { threshold: 0.1 }, channelIds: [ops.id] }
 */
export type FailureRateRuleArgs = ThresholdRuleArgs<"failure_rate">;
/**
 * A rule that alerts when delivery latency is too high.
 * @example { ruleType: "latency", ruleConfig: { thresholdMs: 2000, percentileTarget: 95 }, channelIds: [ops.id] }
 */
export type LatencyRuleArgs = ThresholdRuleArgs<"latency">;
/**
 * A rule that alerts when event volume drops.
 * @example { ruleType: "volume_drop", ruleConfig: { threshold: 50 }, sourceId: "src_…", channelIds: [ops.id] }
 */
export type VolumeDropRuleArgs = ThresholdRuleArgs<"volume_drop">;
/**
 * A rule that alerts when the dead-letter queue grows.
 * @example { ruleType: "dlq", ruleConfig: { threshold: 5 }, channelIds: [ops.id] }
 */
export type DlqRuleArgs = ThresholdRuleArgs<"dlq">;

/**
 * A rule that alerts when hookstream opens an issue (including when a destination's circuit breaker opens).
 * @example { ruleType: "issue_opened", channelIds: [ops.id] }
 */
export interface IssueOpenedRuleArgs extends AlertRuleCommonArgs {
    /** What the rule watches. Changing it **replaces** the rule: hookstream cannot change a rule's type. */
    ruleType: "issue_opened";
    /**
     * `issue_opened` takes no settings: leave it out, or pass `{}`.
     * @default {}
     */
    ruleConfig?: InputTree<RuleConfigs["issue_opened"]>;
}

/** The arguments of an AlertRule: one member per rule type. */
export type AlertRuleArgs =
    FailureRateRuleArgs | LatencyRuleArgs | VolumeDropRuleArgs | DlqRuleArgs | IssueOpenedRuleArgs;

/**
 * A hookstream alert rule: a condition hookstream checks every 5 minutes, and the notification channels it alerts
 * when the condition holds.
 *
 * Credentials come from stack config `hookstream:apiKey` (a secret) and `hookstream:baseUrl`, or from
 * `HOOKSTREAM_API_KEY` / `HOOKSTREAM_BASE_URL`; they are read by the provider, never stored in state.
 */
export class AlertRule extends pulumi.dynamic.Resource {
    /** The type token Pulumi records for every AlertRule. */
    static readonly typeToken = ruleTypeTokens.dynamic;

    declare readonly ruleType: pulumi.Output<RuleType>;
    /** As declared, camelCase. */
    declare readonly ruleConfig: pulumi.Output<Record<string, unknown>>;
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string | undefined>;
    declare readonly sourceId: pulumi.Output<string | undefined>;
    declare readonly destinationId: pulumi.Output<string | undefined>;
    declare readonly channelIds: pulumi.Output<string[]>;
    declare readonly cooldownMinutes: pulumi.Output<number>;
    declare readonly enabled: pulumi.Output<boolean>;
    /** The hookstream organization that owns the rule. */
    declare readonly orgId: pulumi.Output<string | undefined>;
    /** The hookstream project (environment) the API key belongs to. */
    declare readonly envId: pulumi.Output<string | undefined>;
    /** When the rule last alerted, ISO 8601 UTC; as of the last create, update or refresh. */
    declare readonly lastTriggeredAt: pulumi.Output<string | undefined>;
    /** How many times the rule has alerted; as of the last create, update or refresh. */
    declare readonly triggerCount: pulumi.Output<number | undefined>;
    declare readonly createdAt: pulumi.Output<string | undefined>;
    declare readonly updatedAt: pulumi.Output<string | undefined>;

    /**
     * A read-only view of a rule managed elsewhere (another stack, the dashboard): its current state, looked up by id
     * on every run. Nothing is created, changed or deleted.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): AlertRule {
        // No arguments: the engine reads the rule instead of creating it (the `id` option).
        return new AlertRule(name, undefined as unknown as AlertRuleArgs, { ...opts, id });
    }

    constructor(name: string, args: AlertRuleArgs, opts?: pulumi.CustomResourceOptions) {
        const declared = args && {
            ...args,
            ruleConfig: args.ruleConfig ?? {},
            channelIds: args.channelIds ?? [],
            cooldownMinutes: args.cooldownMinutes ?? 60,
        };
        const { props, options } = dynamicResourceProps(name, declared, opts, {
            typeToken: ruleTypeTokens.dynamic,
            argumentNames: ruleArgumentNames,
            computedOutputs: ruleComputedOutputs,
        });
        const stacks = trimPromiseStacks();
        try {
            super(shim, name, props, options, "hookstream", "AlertRule");
        } catch (error) {
            throw stacks.restore(error);
        }
        stacks.restore();
        if (declared !== undefined) finishCreateAfterSave(this, name, "AlertRule");
    }
}
