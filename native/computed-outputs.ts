import type { AnyResourceKind } from "../provider/core/resource-kind";
import type { PropertySpec } from "./pulumi-schema-types";

/**
 * What hookstream computes, as Pulumi properties. Which of them a kind outputs is read from the kind's own
 * `toOutputs` (computedOutputNames), so a new computed output cannot be left out of the schema: without a type here
 * the generator stops and names it.
 */
export const computedOutputTypes: Readonly<Record<string, PropertySpec>> = {
    orgId: { type: "string", description: "The hookstream organization that owns the object." },
    envId: { type: "string", description: "The hookstream project (environment) the object belongs to." },
    errorCount: { type: "integer", description: "Failed deliveries counted by hookstream." },
    lastError: { type: "string", description: "The last delivery error hookstream recorded." },
    lastSentAt: { type: "string", description: "When hookstream last sent through the channel (ISO 8601)." },
    lastTriggeredAt: { type: "string", description: "When the rule last fired (ISO 8601)." },
    triggerCount: { type: "integer", description: "How many times the rule has fired." },
    createdAt: { type: "string", description: "When the object was created (ISO 8601)." },
    updatedAt: { type: "string", description: "When the object was last changed (ISO 8601)." },
};

/** Set by the provider while a delivery check has not succeeded (kinds with a `deliveryCheck` only). */
export const verificationOutput: PropertySpec = {
    type: "string",
    description: '"failed" while the test delivery (`verify`) has not succeeded: the next `up` runs it again.',
};

/**
 * The names of the outputs a kind adds to its inputs: `toOutputs` is given an answer from hookstream that has a
 * value under every name, and whatever it copies out that is not an argument is computed.
 */
export function computedOutputNames(kind: AnyResourceKind, argumentNames: readonly string[]): string[] {
    const marker = Symbol("computed");
    const everything = new Proxy({}, { get: (_target, key) => (typeof key === "string" ? marker : undefined) });
    const outputs = kind.toOutputs({}, everything) as Record<string, unknown>;
    return Object.keys(outputs).filter((key) => outputs[key] === marker && !argumentNames.includes(key));
}
