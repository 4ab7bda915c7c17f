import { HookstreamError, isNotFound, type ApiError } from "../core/errors";
import type { Transport } from "../core/transport";
import { getRule, updateRule } from "./endpoints";
import { observedConfig } from "./outputs";
import { toPatchBody } from "./request";
import type { Rule } from "./response";
import type { RuleInput } from "./schema";

/**
 * Adoption, which the `adopt` argument and the `import` resource option both lead to (pulumi/pulumi#16175: the
 * engine cannot import dynamic resources): take over an existing rule of the key's project instead of creating one,
 * then bring it to the declared state, sending only what differs.
 */
export async function adoptRule(api: Transport, id: string, declared: RuleInput): Promise<Rule> {
    let existing: Rule;
    try {
        existing = await getRule(api, id);
    } catch (error) {
        if (isNotFound(error)) {
            const requestId = (error as ApiError).requestId;
            throw new HookstreamError(
                "HOOKSTREAM_ADOPT_ERROR",
                `cannot adopt alert rule ${id}: hookstream has no such rule in the project of this API key (404` +
                    (requestId ? `, request id ${requestId}` : "") +
                    "). Check the id and that the stack uses that project's key.",
            );
        }
        throw error;
    }
    if (existing.ruleType !== declared.ruleType) {
        throw new HookstreamError(
            "HOOKSTREAM_ADOPT_ERROR",
            `cannot adopt alert rule ${id}: it is a ${existing.ruleType} rule, but ruleType is "${declared.ruleType}". ` +
                "The type of a rule cannot be changed; declare the rule's real type.",
        );
    }
    const current = { ...existing, ruleConfig: observedConfig(existing, declared.ruleConfig) };
    const patch = toPatchBody(current, declared);
    return Object.keys(patch).length === 0 ? existing : updateRule(api, id, patch);
}
