/** The parts of Pulumi's package schema (pulumi.io/docs/iac/extending-pulumi/schema) this package writes. */

export interface PropertySpec {
    type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
    $ref?: string;
    items?: PropertySpec;
    additionalProperties?: PropertySpec;
    description?: string;
    secret?: boolean;
    default?: string | number | boolean;
}

export interface ObjectTypeSpec {
    type: "object";
    description?: string;
    properties: Record<string, PropertySpec>;
    required?: string[];
}

export interface EnumTypeSpec {
    type: "string";
    description?: string;
    enum: { value: string; name?: string }[];
}

export type TypeSpec = ObjectTypeSpec | EnumTypeSpec;

export interface ResourceSpec {
    description: string;
    inputProperties: Record<string, PropertySpec>;
    requiredInputs: string[];
    properties: Record<string, PropertySpec>;
    required: string[];
}

export interface PackageSchema {
    name: string;
    displayName: string;
    version: string;
    description: string;
    keywords: string[];
    homepage: string;
    license: string;
    repository: string;
    config: { variables: Record<string, PropertySpec> };
    provider: { description: string; inputProperties: Record<string, PropertySpec> };
    resources: Record<string, ResourceSpec>;
    types: Record<string, TypeSpec>;
    /** `supportPack`: SDKs that record the plugin's version (and a Go SDK with its own go.mod). */
    meta: { supportPack: boolean };
    /** Per-language names for the generated SDKs (sdk/). */
    language: Record<string, unknown>;
}

/** Pulumi's type for a value of any shape. */
export const anyType: PropertySpec = { $ref: "pulumi.json#/Any" };
