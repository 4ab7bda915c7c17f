import { z } from "zod";
import { discriminatorOf, type AnyResourceKind } from "../provider/core/resource-kind";
import { resourceKinds } from "../provider/resources";
import { computedOutputNames, computedOutputTypes, verificationOutput } from "./computed-outputs";
import { capitalize, mergeObjects, toPropertySpec, type JsonSchema, type TypeRegistry } from "./json-schema-to-pulumi";
import type { PackageSchema, PropertySpec, ResourceSpec } from "./pulumi-schema-types";
import { autonamedArgument } from "./native-arguments";
import { readKindDocs, type KindDocs } from "./kind-docs";
import { secretPathsOf } from "./secret-paths";

export const packageName = "hookstream";

/**
 * The Pulumi package schema of the native provider, built from the registry of resource kinds: each kind's
 * arguments from its zod schema, its computed outputs from its `toOutputs`, its secrets from secret-paths.ts.
 */
export function buildSchema(
    kinds: readonly AnyResourceKind[] = resourceKinds,
    version: string = packageVersion(),
    docsOf: (kind: AnyResourceKind, discriminatorValues: readonly string[]) => KindDocs = readKindDocs,
): PackageSchema {
    const registry: TypeRegistry = { packageName, types: {} };
    const resources: Record<string, ResourceSpec> = {};
    for (const kind of kinds) resources[kind.tokens.native] = resourceSpec(kind, registry, docsOf);
    return {
        name: packageName,
        displayName: "hookstream",
        version,
        description: "Manage hookstream.io notification channels and alert rules.",
        keywords: ["pulumi", "hookstream", "webhooks", "alerting", "category/monitoring", "kind/native"],
        homepage: "https://github.com/pulumi-hookstream/pulumi-hookstream#readme",
        license: "Apache-2.0",
        repository: "https://github.com/pulumi-hookstream/pulumi-hookstream",
        config: { variables: configVariables },
        provider: {
            description: "The hookstream provider: which API key and server every resource of it uses.",
            inputProperties: configVariables,
        },
        resources,
        types: sortedByKey(registry.types),
        meta: { supportPack: true },
        // The SDKs' names, here so that code `pulumi import` writes with the official hosts imports the same ones.
        language: {
            go: { importBasePath: "github.com/pulumi-hookstream/pulumi-hookstream/sdk/go/hookstream" },
            nodejs: { packageName: "@pulumi-hookstream/hookstream" },
            python: { packageName: "pulumi_hookstream", pyproject: { enabled: true } },
        },
    };
}

const configVariables: Record<string, PropertySpec> = {
    apiKey: {
        type: "string",
        secret: true,
        description:
            "The hookstream API key; its project is where every resource lives. Falls back to HOOKSTREAM_API_KEY.",
    },
    baseUrl: {
        type: "string",
        description: "The hookstream API's base URL. Falls back to HOOKSTREAM_BASE_URL, then https://hookstream.io/v1.",
    },
};

function resourceSpec(kind: AnyResourceKind, registry: TypeRegistry, docsOf: typeof readKindDocs): ResourceSpec {
    const json = z.toJSONSchema(kind.inputRules.schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
    const members = json.oneOf ?? json.anyOf ?? [json];
    const merged = mergeObjects(members);
    const discriminator = discriminatorOf(kind);
    const argumentNames = Object.keys(merged.properties ?? {});
    const discriminatorValues = discriminator ? constsOf(merged.properties?.[discriminator]) : [];
    const docs = docsOf(kind, discriminatorValues);
    const described = (key: string, spec: PropertySpec): PropertySpec => {
        const description = docs.properties[key] ?? spec.description;
        return description ? { ...spec, description } : spec;
    };

    const inputProperties: Record<string, PropertySpec> = {};
    for (const key of argumentNames) {
        const node = merged.properties![key]!;
        if (key === discriminator) {
            inputProperties[key] = described(key, enumSpec(capitalize(key), discriminatorValues, registry));
            continue;
        }
        const spec = toPropertySpec(node, typeNameOf(kind, key), registry);
        // The argument whose shape depends on the type: its fields are described by each type that has them.
        if (node.anyOf && spec.$ref) describeFields(registry, spec.$ref, docs.configFields);
        inputProperties[key] = described(key, spec);
    }
    markSecrets(kind, inputProperties, registry);

    const properties: Record<string, PropertySpec> = { ...inputProperties };
    for (const key of computedOutputNames(kind, argumentNames)) {
        const spec = computedOutputTypes[key];
        if (spec === undefined) throw new Error(`${kind.name} outputs ${key}: give it a type in computed-outputs.ts`);
        properties[key] = described(key, spec);
    }
    if (kind.deliveryCheck) properties.verification = described("verification", verificationOutput);

    const requiredInputs = (merged.required ?? []).filter((key) => argumentNames.includes(key));
    // What `check` fills in is always in the outputs: the resource's name and every argument with a default.
    const required = argumentNames.filter(
        (key) => requiredInputs.includes(key) || key === autonamedArgument || hasDefault(members, key),
    );
    return {
        description: docs.resource ?? `A hookstream ${kind.label}.`,
        inputProperties,
        requiredInputs: requiredInputs.filter((key) => key !== autonamedArgument),
        properties,
        required,
    };
}

/** The values the discriminator takes, one per member. */
function constsOf(node: JsonSchema | undefined): string[] {
    return (node?.anyOf ?? (node ? [node] : []))
        .map((member) => member.const)
        .filter((value): value is string => typeof value === "string");
}

/** The discriminator as an enum of the values its members take. */
function enumSpec(typeName: string, values: readonly string[], registry: TypeRegistry): PropertySpec {
    const token = `${registry.packageName}:index:${typeName}`;
    registry.types[token] = { type: "string", enum: values.map((value) => ({ value })) };
    return { type: "string", $ref: `#/types/${token}` };
}

/**
 * Marks every field that some value of the kind keeps secret: a top-level argument directly, a nested field in its
 * object type (a Slack channel's `config.url` is a credential, a webhook's is not: both are marked).
 */
function markSecrets(kind: AnyResourceKind, inputs: Record<string, PropertySpec>, registry: TypeRegistry): void {
    for (const path of secretPathsOf(kind.name, {})) {
        const [top, field] = path;
        const spec = inputs[String(top)];
        if (spec === undefined) continue;
        if (field === undefined) {
            spec.secret = true;
            continue;
        }
        const type = spec.$ref ? registry.types[spec.$ref.replace("#/types/", "")] : undefined;
        const property = type && "properties" in type ? type.properties[String(field)] : undefined;
        if (property) property.secret = true;
    }
}

function describeFields(registry: TypeRegistry, ref: string, docs: Record<string, string>): void {
    const type = registry.types[ref.replace("#/types/", "")];
    if (type === undefined || !("properties" in type)) return;
    for (const [field, spec] of Object.entries(type.properties)) if (docs[field]) spec.description = docs[field];
}

/** `NotificationChannelConfig`, `AlertRuleConfig` (not `AlertRuleRuleConfig`). */
function typeNameOf(kind: AnyResourceKind, key: string): string {
    return (kind.name + capitalize(key)).replace(/([A-Z][a-z]+)\1/g, "$1");
}

function hasDefault(members: readonly JsonSchema[], key: string): boolean {
    return members.some((member) => member.properties?.[key]?.default !== undefined);
}

function sortedByKey<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function packageVersion(): string {
    return (require("pulumi-hookstream/package.json") as { version: string }).version;
}
