import { anyType, type ObjectTypeSpec, type PropertySpec, type TypeSpec } from "./pulumi-schema-types";

/** A node of the JSON Schema zod writes (`z.toJSONSchema`, draft 2020-12). */
export interface JsonSchema {
    type?: string;
    const?: unknown;
    enum?: unknown[];
    default?: unknown;
    description?: string;
    properties?: Record<string, JsonSchema>;
    required?: string[];
    items?: JsonSchema;
    additionalProperties?: boolean | JsonSchema;
    anyOf?: JsonSchema[];
    oneOf?: JsonSchema[];
}

/** Where the object types met on the way are registered, under the token the property refers to. */
export interface TypeRegistry {
    packageName: string;
    types: Record<string, TypeSpec>;
}

/**
 * The Pulumi type of a JSON Schema node. A union of objects (a config whose shape depends on the type argument)
 * becomes one object type with every member's properties, none required: Pulumi's schema has no tagged unions, and an
 * SDK user still gets each field's name and type; `check` judges the combination. What Pulumi cannot express (a union
 * of unlike types) becomes `pulumi.json#/Any`.
 */
export function toPropertySpec(node: JsonSchema, typeName: string, registry: TypeRegistry): PropertySpec {
    const members = node.oneOf ?? node.anyOf;
    if (members !== undefined) {
        if (members.every(isObjectNode)) return objectSpec(mergeObjects(members), typeName, registry);
        return members.map((member) => toPropertySpec(member, typeName, registry)).reduce(widen);
    }
    switch (node.type) {
        case "string":
        case "boolean":
        case "number":
        case "integer":
            return withDefault({ type: node.type }, node.default);
        case "array":
            return { type: "array", items: node.items ? toPropertySpec(node.items, typeName, registry) : anyType };
        case "object":
            return objectSpec(node, typeName, registry);
        default:
            return anyType;
    }
}

/** The properties of objects that may each apply: all of them, each required only where every member requires it. */
export function mergeObjects(members: readonly JsonSchema[]): JsonSchema {
    const properties: Record<string, JsonSchema[]> = {};
    for (const member of members) {
        for (const [key, property] of Object.entries(member.properties ?? {})) (properties[key] ??= []).push(property);
    }
    const required = Object.keys(properties).filter((key) =>
        members.every(
            (member) => (member.required ?? []).includes(key) && member.properties?.[key]?.default === undefined,
        ),
    );
    return {
        type: "object",
        properties: Object.fromEntries(
            Object.entries(properties).map(([key, nodes]) => [key, nodes.length === 1 ? nodes[0]! : { anyOf: nodes }]),
        ),
        required,
    };
}

function objectSpec(node: JsonSchema, typeName: string, registry: TypeRegistry): PropertySpec {
    const entries = Object.entries(node.properties ?? {});
    // An object with no declared fields (a rule type without settings) is a map of anything.
    if (entries.length === 0) return { type: "object", additionalProperties: anyType };
    const token = `${registry.packageName}:index:${typeName}`;
    const spec: ObjectTypeSpec = {
        type: "object",
        properties: Object.fromEntries(
            entries.map(([key, property]) => [key, toPropertySpec(property, typeName + capitalize(key), registry)]),
        ),
    };
    const required = (node.required ?? []).filter((key) => node.properties?.[key]?.default === undefined);
    if (required.length > 0) spec.required = required;
    registry.types[token] = spec;
    return { $ref: `#/types/${token}` };
}

/** One type for values that may have either type: an integer is a number; unlike types are anything. */
function widen(a: PropertySpec, b: PropertySpec): PropertySpec {
    if (JSON.stringify(a) === JSON.stringify(b)) return a;
    const { default: _a, ...left } = a;
    const { default: _b, ...right } = b;
    if (JSON.stringify(left) === JSON.stringify(right)) return left;
    const numeric = new Set(["integer", "number"]);
    if (numeric.has(left.type ?? "") && numeric.has(right.type ?? "")) return { type: "number" };
    return anyType;
}

function withDefault(spec: PropertySpec, value: unknown): PropertySpec {
    const primitive = typeof value === "string" || typeof value === "number" || typeof value === "boolean";
    return primitive ? { ...spec, default: value } : spec;
}

function isObjectNode(node: JsonSchema): boolean {
    return node.type === "object";
}

export function capitalize(word: string): string {
    return word.charAt(0).toUpperCase() + word.slice(1);
}
