import { HookstreamError } from "../core/errors";
import type { Transport } from "../core/transport";
import { asError, isAmbiguous } from "../core/ambiguous";
import { diffRule } from "./diff";
import { createRule, listRules } from "./endpoints";
import { observedConfig } from "./outputs";
import { toCreateBody } from "./request";
import type { Rule } from "./response";
import type { RuleInput } from "./schema";

/**
 * POST once. If the answer is lost (reset, timeout, 5xx, unreadable body), hookstream may still have stored the rule,
 * and POST is not idempotent (docs/hookstream-api.md §4.3): look for it before anyone creates it again.
 */
export async function createOnce(api: Transport, declared: RuleInput): Promise<Rule> {
    const startedAt = Date.now();
    try {
        return await createRule(api, toCreateBody(declared));
    } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const found = await findJustCreated(api, declared, startedAt).catch((lookupError: unknown) => {
            throw new HookstreamError(
                "HOOKSTREAM_API_ERROR",
                `${asError(error).message}; the alert rule may have been created, and looking for it failed too ` +
                    `(${asError(lookupError).message}). Look for a rule named "${declared.name}" before running again.`,
                { cause: error },
            );
        });
        if (found.length === 1 && found[0]) return found[0];
        if (found.length > 1) {
            throw new HookstreamError(
                "HOOKSTREAM_API_ERROR",
                `${asError(error).message}; ${found.length} alert rules named "${declared.name}" match what was sent ` +
                    `(${found.map((r) => r.id).join(", ")}). Delete the extra ones or adopt one with \`adopt: "<id>"\`.`,
                { cause: error },
            );
        }
        throw error; // nothing was stored: the next run creates it
    }
}

// Clocks differ between us and hookstream; a rule created this long before our POST is not ours.
const clockSkewMs = 5 * 60_000;

/** Rules that hold exactly what the lost POST sent (a new rule is enabled: POST takes no `enabled`). */
async function findJustCreated(api: Transport, declared: RuleInput, startedAt: number): Promise<Rule[]> {
    const sent = { ...declared, enabled: true };
    const rules = await listRules(api);
    return rules.filter((rule) => {
        const held = { ...rule, ruleConfig: observedConfig(rule, declared.ruleConfig) };
        return (
            !diffRule(held, sent).changes &&
            (rule.createdAt === undefined || Date.parse(rule.createdAt) >= startedAt - clockSkewMs)
        );
    });
}
