import { z } from "zod";
import { expected, toParsed } from "../parse";
import type { Parsed } from "../parsed";
import { parseRuleConfig } from "./rule-config";
import { ruleTypes, type RuleType } from "./rule-types";
import type { AlertRuleFields } from "./stored-alert-rule";

/**
 * Alert-rule request bodies (`docs/hookstream-api.md §6.3`, §6.5). Where AR and the generated reference list
 * different fields, the union is accepted (§8 row 23); where a type differs, the stricter one wins. Messages name the
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
/** AR types it `number`, R-AR-CREATE `integer` (§8 row 25): whole minutes, the stricter reading; no bound documented. */
const cooldownMinutes = z
    .number({ error: expected("a whole number of minutes") })
    .int({ error: "must be a whole number of minutes" })
    .min(0, { error: "must be 0 or more" });
const enabled = z.boolean({ error: expected("true or false") });

/**
 * `POST /v1/alert-rules`. `enabled` is in neither page's create body, so it is ignored like any other unknown key: a
 * new rule is enabled (AR's create example). `source_id`/`destination_id` are `string` here, nullable only in a PATCH
 * (§8 row 31).
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
export type AlertRuleChange = Omit<z.output<typeof UpdateAlertRuleBody>, "rule_type">;

export function parseCreateAlertRule(body: unknown): Parsed<AlertRuleFields> {
    return toNewRule(toParsed(CreateAlertRuleBody.safeParse(body)));
}

export function parseSeedAlertRule(input: unknown): Parsed<AlertRuleFields> {
    return toNewRule(toParsed(SeedAlertRule.safeParse(input)));
}

/** A PATCH against a rule of `ruleType`: `rule_config` is checked against the stored type and replaced whole (§6.5). */
export function parseAlertRulePatch(body: unknown, ruleType: RuleType): Parsed<AlertRuleChange> {
    const parsed = toParsed(UpdateAlertRuleBody.safeParse(body));
    if (!parsed.success) return parsed;
    const { rule_type: _fixed, ...patch } = parsed.data;
    if (Object.values(patch).every((value) => value === undefined)) {
        // As another resource's update page answers (`docs/hookstream-api.md §1.4`), and channels here.
        return { success: false, message: "No fields to update" };
    }
    if (patch.rule_config !== undefined) {
        const config = parseRuleConfig(ruleType, patch.rule_config);
        if (!config.success) return config;
        patch.rule_config = config.data;
    }
    return { success: true, data: patch };
}

function toNewRule(parsed: Parsed<z.output<typeof SeedAlertRule>>): Parsed<AlertRuleFields> {
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
