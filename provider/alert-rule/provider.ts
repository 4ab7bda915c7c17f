import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { finishingPatch } from "../core/marked-create";
import { configureFromStack, transport } from "../core/connection";
import { PartialCreateError, isNotFound } from "../core/errors";
import { deletedSinceRefresh } from "../core/deleted-since-refresh";
import { confirmGone, type MissingResource } from "../core/project-guard";
import { projectSamplers } from "../project-samplers";
import { asError } from "../core/ambiguous";
import { adoptRule } from "./adopt";
import { ruleInputRules } from "./check-rules";
import { diffRule } from "./diff";
import { deleteRule, getRule, updateRule } from "./endpoints";
import { createOnce } from "./create";
import { ruleReads } from "./reads";
import { toInputs, toOutputs, type RuleOutputs } from "./outputs";
import { toPatchBody } from "./request";
import type { Rule } from "./response";
import type { RuleInput } from "./schema";

/**
 * The AlertRule provider as the dynamic-provider host runs it. It is loaded from the installed package by the stored
 * shim (shim.ts), so refresh and delete of old resources run this code, not a copy frozen in state.
 */

export const alertRuleProvider: pulumi.dynamic.ResourceProvider<RuleInput, RuleOutputs> = {
    configure: (req) => configureFromStack(req.config),

    async check(olds, news) {
        const outcome = checkInputs(news as Record<string, unknown>, ruleInputRules, olds as Record<string, unknown>);
        if (!outcome.ok) return { inputs: news, failures: outcome.failures };
        return { inputs: outcome.inputs as RuleInput };
    },

    async diff(_id, olds, news) {
        const { changes, replaces } = diffRule(olds, news);
        return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
        const api = transport();
        let rule = inputs.adopt ? await adoptRule(api, inputs.adopt, inputs) : await createOnce(api, inputs);
        const finish = finishingPatch(rule, inputs);
        if (Object.keys(finish).length > 0) {
            // If it fails, the rule stays in state as hookstream holds it, and the next `up` finishes it as an update.
            try {
                rule = await updateRule(api, rule.id, finish);
            } catch (error) {
                const properties = {
                    ...toOutputs(inputs, rule),
                    name: rule.name,
                    __provider: (inputs as { __provider?: unknown }).__provider,
                };
                throw new PartialCreateError(
                    rule.id,
                    properties,
                    asError(error),
                    `alert rule ${rule.id} was created, but finishing it (${Object.keys(finish).join(", ")}) failed`,
                );
            }
        }
        return { id: rule.id, outs: toOutputs(inputs, rule) };
    },

    async read(id, props) {
        const stored = props ?? ({} as Partial<RuleOutputs>);
        const api = transport();
        let rule: Rule;
        try {
            rule = await ruleReads.read(api, id, () => getRule(api, id));
        } catch (error) {
            await confirmGone(api, error, missing(id, stored), projectSamplers);
            return {};
        }
        const declared = toInputs(rule, stored);
        const outputs = toOutputs(declared, rule);
        // The inputs that would produce what hookstream holds, in the outputs shape the host expects for them.
        return { id: rule.id, props: outputs, inputs: toOutputs(declared, undefined) };
    },

    async update(id, olds, news) {
        const patch = toPatchBody(olds, news);
        // Nothing for hookstream to do (e.g. only `adopt` or the stored shim changed): keep what we know.
        if (Object.keys(patch).length === 0) return { outs: { ...olds, ...toOutputs(news, undefined) } };
        const api = transport();
        // After a write, only hookstream knows the rule: no earlier list page may answer for it.
        ruleReads.forget(api, id);
        let rule: Rule;
        try {
            rule = await updateRule(api, id, patch);
        } catch (error) {
            if (!isNotFound(error)) throw error;
            await confirmGone(api, error, missing(id, olds), projectSamplers);
            throw deletedSinceRefresh(missing(id, olds), error as Error);
        }
        return { outs: toOutputs(news, rule) };
    },

    async delete(id, props) {
        const api = transport();
        ruleReads.forget(api, id);
        try {
            await deleteRule(api, id);
        } catch (error) {
            await confirmGone(api, error, missing(id, props), projectSamplers);
        }
    },
};

function missing(id: string, stored: Partial<RuleOutputs>): MissingResource {
    return {
        label: `alert rule${stored.name ? ` "${stored.name}"` : ""} (${id})`,
        storedEnvId: stored.envId,
        urn: stored.__urn,
    };
}
