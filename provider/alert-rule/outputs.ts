import type { StoredBase } from "../core/resource-kind";
import { ruleComputedOutputs } from "./fields";
import type { Rule } from "./response";
import { serverDefaultedFieldsOf } from "./rule-types";
import type { RuleInput } from "./schema";

/**
 * What an AlertRule stores as outputs: the checked inputs echoed unchanged (so `diff` compares inputs with inputs)
 * plus what hookstream computes.
 */
export interface RuleOutputs extends StoredBase {
    ruleType: string;
    ruleConfig: Record<string, unknown>;
    description?: string;
    sourceId?: string;
    destinationId?: string;
    channelIds: string[];
    cooldownMinutes: number;
    orgId?: string;
    lastTriggeredAt?: string;
    triggerCount?: number;
    createdAt?: string;
    updatedAt?: string;
}

/** `rule` is what hookstream answered; undefined when no request was needed. Never contains undefined values. */
export function toOutputs(declared: RuleInput, rule: Rule | undefined): RuleOutputs {
    const outputs: RuleOutputs = {
        ruleType: declared.ruleType,
        ruleConfig: declared.ruleConfig,
        name: declared.name,
        channelIds: declared.channelIds,
        cooldownMinutes: declared.cooldownMinutes,
        // What hookstream holds: after a failed step of create, the next diff must still see a disabled rule as due.
        enabled: rule?.enabled ?? declared.enabled,
    };
    // The host turns outputs into a protobuf Struct, which rejects undefined (pulumi/pulumi#2205).
    if (declared.description !== undefined) outputs.description = declared.description;
    if (declared.sourceId !== undefined) outputs.sourceId = declared.sourceId;
    if (declared.destinationId !== undefined) outputs.destinationId = declared.destinationId;
    if (declared.__urn !== undefined) outputs.__urn = declared.__urn;
    if (declared.__createToken !== undefined) outputs.__createToken = declared.__createToken;
    if (rule === undefined) return outputs;
    for (const key of computedKeys) {
        const value = rule[key];
        if (value !== undefined) (outputs as unknown as Record<string, unknown>)[key] = value;
    }
    return outputs;
}

/** What hookstream computes and the outputs carry through unchanged. */
const computedKeys = ruleComputedOutputs satisfies readonly (keyof RuleOutputs & keyof Rule)[];

/** The inputs that would produce what hookstream holds now, so `refresh` shows drift and the next diff sees it. */
export function toInputs(observed: Rule, stored: Partial<RuleOutputs>): RuleInput {
    // What hookstream holds is taken as it is, even a type or config this version does not know: the next diff
    // compares it with the declared inputs, which `check` validated.
    const inputs = {
        ruleType: observed.ruleType,
        ruleConfig: observedConfig(observed, stored.ruleConfig),
        name: observed.name,
        channelIds: sameSet(observed.channelIds, stored.channelIds) ? stored.channelIds : observed.channelIds,
        cooldownMinutes: observed.cooldownMinutes,
        enabled: observed.enabled,
    } as RuleInput;
    if (observed.description) inputs.description = observed.description;
    if (observed.sourceId !== undefined) inputs.sourceId = observed.sourceId;
    if (observed.destinationId !== undefined) inputs.destinationId = observed.destinationId;
    if (stored.__urn !== undefined) inputs.__urn = stored.__urn;
    if (stored.__createToken !== undefined) inputs.__createToken = stored.__createToken;
    return inputs;
}

/** The reported config without the defaults hookstream filled in for fields the program never declared. */
export function observedConfig(observed: Rule, declared: unknown): Record<string, unknown> {
    const declaredConfig = (typeof declared === "object" && declared !== null ? declared : {}) as Record<
        string,
        unknown
    >;
    const config = { ...observed.ruleConfig };
    for (const key of serverDefaultedFieldsOf(observed.ruleType)) {
        if (declaredConfig[key] === undefined) delete config[key];
    }
    return config;
}

/** Keeps the declared order when hookstream holds the same channels in another order: order carries no meaning. */
function sameSet(observed: string[], stored: unknown): stored is string[] {
    if (!Array.isArray(stored)) return false;
    const held = new Set(observed);
    return stored.length === observed.length && stored.every((id) => held.has(id));
}
