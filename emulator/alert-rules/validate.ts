import { z } from "zod";
import { expected, toParsed, type Parsed } from "../parse";
import { parseRuleConfig } from "./rule-config";
import { ruleTypes, type RuleType } from "./rule-types";

/**
 * Alert-rule request bodies (hookstream-alert-rules.md §1.2, §1.4). Where AR and the generated reference list
 * different fields, the union is accepted (§8 row 8); where a type differs, the stricter one wins. Messages name the
 * field and never echo a value.
 */

const name = z.string({ error: expected("a string") }).min(1, { error: "must not be empty" });
const description = z.string({ error: expected("a string") });
/** Sources and destinations are not emulated, so any non-empty id is taken as is. */
const scopeId = z.string({ error: expected("a string") }).min(1, { error: "must not be empty" });
const ruleConfig = z.record(z.string(), z.unknown(), { error: expected("an object") });
const channelIds = z
    .array(z.string({ error: expected("a string") }).min(1, { error: "must not be empty" }), {
        error: expected("a list of notification channel ids"),
    })
    .refine((ids) => new Set(ids).size === ids.length, { error: "must not list a channel twice" });
/** AR types it `number`, R-AR-CREATE `integer` (§8 row 10): whole minutes, the stricter reading; no bound is documented. */
const cooldownMinutes = z
    .number({ error: expected("a whole number of minutes") })
    .int({ error: "must be a whole number of minutes" })
    .min(0, { error: "must be 0 or more" });
const enabled = z.boolean({ error: expected("true or false") });

/**
 * `POST /v1/alert-rules`. `enabled` is in neither page's create body, so it is ignored like any other unknown key: a
 * new rule is enabled (AR's create example). `source_id`/`destination_id` are `string` here, nullable only in a PATCH
 * (§8 row 18).
 */
export const CreateAlertRuleBody = z.object(
    {
        name,
        description: description.optional(),
        rule_type: z.enum(ruleTypes, { error: expected(`one of ${ruleTypes.join(", ")}`) }),
        rule_config: ruleConfig.optional(),
        source_id: scopeId.optional(),
        destination_id: scopeId.optional(),
        channel_ids: channelIds.optional(),
        cooldown_minutes: cooldownMinutes.optional(),
    },
    { error: "expected a JSON object" },
);

/** What a new rule is made of, defaults applied: no channels, a 60-minute cooldown (AR), `rule_config` `{}`. */
export interface NewAlertRule {
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

/** A rule put in place out of band (`Emulator.createAlertRule`), which may start disabled. */
export const SeedAlertRule = CreateAlertRuleBody.extend({ enabled: enabled.optional() });

/** `PATCH /v1/alert-rules/:id` (R-AR-UPDATE): every field optional; `rule_type` is not in the schema, so it is fixed. */
export const UpdateAlertRuleBody = z.object(
    {
        name: name.optional(),
        description: description.optional(),
        enabled: enabled.optional(),
        rule_config: ruleConfig.optional(),
        source_id: scopeId.nullable().optional(),
        destination_id: scopeId.nullable().optional(),
        channel_ids: channelIds.optional(),
        cooldown_minutes: cooldownMinutes.optional(),
        rule_type: z.never({ error: "cannot be changed" }).optional(),
    },
    { error: "expected a JSON object" },
);
export type AlertRulePatch = Omit<z.output<typeof UpdateAlertRuleBody>, "rule_type">;

export function parseCreateAlertRule(body: unknown): Parsed<NewAlertRule> {
    return toNewRule(toParsed(CreateAlertRuleBody.safeParse(body)));
}

export function parseSeedAlertRule(input: unknown): Parsed<NewAlertRule> {
    return toNewRule(toParsed(SeedAlertRule.safeParse(input)));
}

/** A PATCH against a rule of `ruleType`: `rule_config` is checked against the stored type and replaced whole (§1.4 [I]). */
export function parseAlertRulePatch(body: unknown, ruleType: RuleType): Parsed<AlertRulePatch> {
    const parsed = toParsed(UpdateAlertRuleBody.safeParse(body));
    if (!parsed.success) return parsed;
    const { rule_type: _fixed, ...patch } = parsed.data;
    if (Object.values(patch).every((value) => value === undefined)) {
        // As hookstream's endpoint update answers (R-UPD-ENDPOINT via hookstream-api.md §1.4), and channels here.
        return { success: false, message: "No fields to update" };
    }
    if (patch.rule_config !== undefined) {
        const config = parseRuleConfig(ruleType, patch.rule_config);
        if (!config.success) return config;
        patch.rule_config = config.data;
    }
    return { success: true, data: patch };
}

function toNewRule(parsed: Parsed<z.output<typeof SeedAlertRule>>): Parsed<NewAlertRule> {
    if (!parsed.success) return parsed;
    const input = parsed.data;
    const config = parseRuleConfig(input.rule_type, input.rule_config ?? {});
    if (!config.success) return config;
    return {
        success: true,
        data: {
            name: input.name,
            description: input.description ?? null,
            rule_type: input.rule_type,
            rule_config: config.data,
            source_id: input.source_id ?? null,
            destination_id: input.destination_id ?? null,
            channel_ids: input.channel_ids ?? [],
            cooldown_minutes: input.cooldown_minutes ?? 60,
            enabled: input.enabled ?? true,
        },
    };
}
