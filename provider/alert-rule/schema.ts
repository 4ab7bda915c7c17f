import { z } from "zod";
import type { DeclaredBase } from "../core/resource-kind";
import { expected, resourceId, singleLineText } from "../core/schema-messages";
import { ruleTypes, type RuleConfigs, type RuleType } from "./rule-types";

/**
 * The AlertRule inputs, validated by `check` at preview time. Each rule type's config schema must produce exactly the
 * public config type of rule-types.ts (the compiler checks it below, a type-level test checks the converse), so the
 * published types and what `check` accepts cannot drift apart.
 */

const maxNameLength = 255;
const maxDescriptionLength = 1000;

function number(what: string, description: string) {
    return z.number({ error: expected(what, description) });
}

export const configSchemas = {
    failure_rate: z.strictObject(
        {
            threshold: number("ruleConfig.threshold", "a fraction from 0 to 1")
                .min(0, { error: "ruleConfig.threshold must be at least 0" })
                .max(1, {
                    error: "ruleConfig.threshold must be a fraction from 0 to 1 (0.1 means 10 %), not a percentage",
                }),
        },
        { error: expected("ruleConfig", "an object such as { threshold: 0.1 }") },
    ),
    latency: z.strictObject(
        {
            thresholdMs: number("ruleConfig.thresholdMs", "a number of milliseconds")
                .int({ error: "ruleConfig.thresholdMs must be a whole number of milliseconds" })
                .min(1, { error: "ruleConfig.thresholdMs must be at least 1 millisecond" }),
            percentileTarget: number("ruleConfig.percentileTarget", "a percentile such as 95")
                .gt(0, { error: "ruleConfig.percentileTarget must be above 0 and below 100, such as 95" })
                .lt(100, { error: "ruleConfig.percentileTarget must be above 0 and below 100, such as 95" })
                .optional(),
        },
        { error: expected("ruleConfig", "an object such as { thresholdMs: 2000 }") },
    ),
    volume_drop: z.strictObject(
        { threshold: number("ruleConfig.threshold", "a number").min(0, "ruleConfig.threshold must be at least 0") },
        { error: expected("ruleConfig", "an object such as { threshold: 50 }") },
    ),
    dlq: z.strictObject(
        {
            threshold: number("ruleConfig.threshold", "a count of events")
                .int({ error: "ruleConfig.threshold must be a whole number of events" })
                .min(0, { error: "ruleConfig.threshold must be at least 0" }),
        },
        { error: expected("ruleConfig", "an object such as { threshold: 5 }") },
    ),
    issue_opened: z.strictObject(
        {},
        { error: expected("ruleConfig", "an empty object (issue_opened has no settings)") },
    ),
} satisfies { [T in RuleType]: z.ZodType<RuleConfigs[T], RuleConfigs[T]> };

export type RuleConfig<T extends RuleType = RuleType> = z.output<(typeof configSchemas)[T]>;

const channelIds = z
    .array(resourceId("", "nc_1a2b…"), {
        error: expected("channelIds", "a list of notification channel ids"),
    })
    .superRefine((list, ctx) => {
        const seen = new Map<string, number>();
        list.forEach((id, index) => {
            const first = seen.get(id);
            if (first === undefined) seen.set(id, index);
            else
                ctx.addIssue({
                    code: "custom",
                    path: [index],
                    message: `is listed twice (same id as entry ${first})`,
                });
        });
    });

const common = {
    name: singleLineText("name", maxNameLength),
    description: z
        .string({ error: expected("description", "a string") })
        .max(maxDescriptionLength, { error: `description must be at most ${maxDescriptionLength} characters` })
        .optional(),
    sourceId: resourceId("sourceId", "src_1a2b…").optional(),
    destinationId: resourceId("destinationId", "dst_1a2b…").optional(),
    channelIds: channelIds.default([]),
    cooldownMinutes: number("cooldownMinutes", "a whole number of minutes")
        .int({ error: "cooldownMinutes must be a whole number of minutes" })
        .min(1, { error: "cooldownMinutes must be at least 1" })
        .default(60),
    enabled: z.boolean({ error: expected("enabled", "true or false") }).default(true),
    adopt: resourceId("adopt", "ar_1a2b…").optional(),
};

/** What `check` hands on: validated, with defaults applied (name, enabled, adopt and what check adds). */
export type RuleInput = {
    [T in RuleType]: DeclaredBase & {
        ruleType: T;
        ruleConfig: RuleConfigs[T] & Record<string, unknown>;
        name: string;
        description?: string;
        sourceId?: string;
        destinationId?: string;
        /** Compared as a set: order carries no meaning. */
        channelIds: string[];
        cooldownMinutes: number;
    };
}[RuleType];

function ruleSchema<T extends RuleType>(type: T) {
    // issue_opened takes no settings, so its config may be left out.
    const config = type === "issue_opened" ? configSchemas.issue_opened.default({}) : configSchemas[type];
    return z.strictObject({ ruleType: z.literal(type), ruleConfig: config, ...common });
}

const [firstType, ...otherTypes] = ruleTypes.map(ruleSchema);

// One member per rule type, built from the list, so a new type cannot be forgotten here. zod cannot follow the types
// through `map`; each member's config output is the public type of rule-types.ts (checked above).
export const ruleInputSchema = z.discriminatedUnion("ruleType", [firstType!, ...otherTypes], {
    error: `ruleType must be one of ${ruleTypes.map((t) => `"${t}"`).join(", ")}`,
}) as unknown as z.ZodType<RuleInput, unknown>;

/** The arguments every type shares: what can still be judged while `ruleType` is unknown during preview. */
export const anyTypeInputSchema = z.strictObject({ ruleType: z.unknown(), ruleConfig: z.unknown(), ...common });
