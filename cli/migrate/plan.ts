import { createFinishTypeToken } from "../../provider/create-finish/type-token";
import { kindOfToken } from "../../provider/resources";
import type { StackExport, StateResource } from "../recover/pulumi-cli";
import { nativeTokenFor, toNativeUrn } from "./native-urn";

/**
 * The move of a stack's pulumi-hookstream resources from the dynamic provider to the native one, as an edit of the
 * exported state. Pure: the stack's export comes in, the export to import comes out; no secret is decrypted (secret
 * values move as the ciphertext they are) and hookstream is never asked.
 *
 * The engine cannot move them itself: `aliases` do not cross providers, and `pulumi import` reads a resource with no
 * inputs, so a webhook secret or a Slack URL would be lost (the provider never takes one from what hookstream
 * returns, docs/hookstream-api.md §2) and the next preview would show it added. So each resource keeps its id, inputs and outputs, and changes only:
 * - its type token and URN (and every reference to that URN: parents, dependencies, property dependencies);
 * - its provider: the native package's default provider, `pulumi:providers:hookstream::default`, added with the
 *   `hookstream:*` stack config the dynamic provider last ran with, as the engine records one: a plain `refresh` or
 *   `destroy` runs the provider with the config stored in the stack, and would have no API key without it;
 * - `__provider` (the dynamic host's serialized shim) goes, and so do `__finishAfterSave` and `__createMarker`, which
 *   only the dynamic host's finishing step (`CreateFinish`, removed with them) reads; `__urn` follows the new URN.
 * The pulumi-nodejs default provider goes too when no resource uses it any more, as the next `up` would drop it.
 */

/** The provider types: the native package's, and the one every dynamic resource names. */
const providerType = "pulumi:providers:hookstream";
const dynamicProviderType = "pulumi:providers:pulumi-nodejs";

/** State fields that hold URNs of other resources, each a URN, a list of them, or a map of lists. */
const urnFields = ["parent", "dependencies", "propertyDependencies", "deletedWith", "aliases", "replaceWith"];

export interface MovedResource {
    kind: string;
    name: string;
    id: string | undefined;
    from: string;
    to: string;
}

export type MigrationPlan =
    | {
          action: "migrate";
          moved: MovedResource[];
          /** The native default provider: added, with the config keys it was given, or one already in the stack. */
          provider: { urn: string; added: true; configKeys: string[] } | { urn: string; added: false };
          /** Dynamic providers left with no resource, removed. */
          removedProviders: string[];
          state: StackExport;
      }
    | { action: "none" }
    | { action: "refuse"; reason: string };

export function planMigration(state: StackExport, options: { providerId: string; now: string }): MigrationPlan {
    // The dynamic host's finishing steps have no native counterpart: the native create finishes itself.
    const resources = (state.deployment.resources ?? []).filter((resource) => resource.type !== createFinishTypeToken);
    const pending = state.deployment.pending_operations ?? [];
    if (pending.length > 0) {
        const urns = pending.map((operation) => `${operation.type} ${operation.resource.urn}`).join(", ");
        return {
            action: "refuse",
            reason:
                `the stack has ${pending.length} pending operation(s) (${urns}), which writing it back would ` +
                "clear. Settle them first: `hookstream-pulumi recover` for pulumi-hookstream creates an interrupted " +
                "`up` left, `pulumi refresh` for the others.",
        };
    }
    const moving = resources.filter((resource) => nativeTokenFor(resource.type) !== undefined);
    if (moving.length === 0) return { action: "none" };

    const urns = new Set(resources.map((resource) => resource.urn));
    const taken = moving.map((resource) => toNativeUrn(resource.urn)).filter((urn) => urns.has(urn));
    if (taken.length > 0) {
        return {
            action: "refuse",
            reason:
                `the stack already holds native resources of the same names (${taken.join(", ")}): rename one ` +
                "of each pair in the program and run `pulumi up` first.",
        };
    }

    const stackUrn = resources.find((resource) => resource.type === "pulumi:pulumi:Stack")?.urn ?? moving[0]!.urn;
    const existing = resources.find((resource) => resource.urn === defaultProviderUrn(stackUrn));
    const provider = existing ?? nativeDefaultProvider(stackUrn, dynamicProviderOf(moving, resources), options);
    const providerRef = `${provider.urn}::${provider.id}`;

    const rewritten = resources.map((resource) => {
        const moved =
            nativeTokenFor(resource.type) === undefined ? { ...resource } : movedResource(resource, providerRef);
        for (const field of urnFields) if (field in moved) moved[field] = mapUrns(moved[field]);
        moved.urn = toNativeUrn(resource.urn);
        return moved;
    });
    const refOf = (resource: StateResource) => `${resource.urn}::${resource.id}`;
    const usedBefore = new Set(moving.map((resource) => resource.provider));
    const usedAfter = new Set(rewritten.map((resource) => resource.provider));
    const removed = rewritten.filter(
        (resource) =>
            resource.type === dynamicProviderType && usedBefore.has(refOf(resource)) && !usedAfter.has(refOf(resource)),
    );
    const kept = rewritten.filter((resource) => !removed.includes(resource));
    // A provider is recorded before the resources it serves: the added one, or one the stack had further down.
    const movedUrns = new Set(moving.map((resource) => toNativeUrn(resource.urn)));
    const firstMoved = kept.findIndex((resource) => movedUrns.has(resource.urn));
    const providerAt = kept.findIndex((resource) => resource.urn === provider.urn && !resource.delete);
    if (providerAt === -1 || providerAt > firstMoved) {
        const [recorded] = providerAt === -1 ? [provider] : kept.splice(providerAt, 1);
        kept.splice(firstMoved, 0, recorded!);
    }

    return {
        action: "migrate",
        moved: moving.map((resource) => ({
            kind: kindOfToken(resource.type)!.name,
            name: resource.urn.split("::").slice(3).join("::"),
            id: resource.id,
            from: resource.urn,
            to: toNativeUrn(resource.urn),
        })),
        provider:
            existing === undefined
                ? { urn: provider.urn, added: true, configKeys: Object.keys(provider.inputs ?? {}) }
                : { urn: provider.urn, added: false },
        removedProviders: removed.map((resource) => resource.urn),
        state: { ...state, deployment: { ...state.deployment, resources: kept } },
    };
}

/** The resource as the native provider records it: same id, inputs and outputs, less the dynamic host's shim. */
function movedResource(resource: StateResource, providerRef: string): StateResource {
    const urn = toNativeUrn(resource.urn);
    const bag = (values: Record<string, unknown> | undefined) => {
        if (values === undefined) return undefined;
        const { __provider: _shim, __finishAfterSave: _finish, __createMarker: _marker, ...rest } = values;
        return "__urn" in rest ? { ...rest, __urn: urn } : rest;
    };
    const moved: StateResource = { ...resource, type: nativeTokenFor(resource.type)!, provider: providerRef };
    const inputs = bag(resource.inputs);
    const outputs = bag(resource.outputs);
    if (inputs !== undefined) moved.inputs = inputs;
    if (outputs !== undefined) moved.outputs = outputs;
    const dependencies = resource.propertyDependencies as Record<string, unknown> | undefined;
    if (dependencies !== undefined) {
        const { __provider: _shim, ...rest } = dependencies;
        moved.propertyDependencies = rest;
    }
    return moved;
}

/**
 * The pulumi-nodejs provider the moved resources ran with: the one the first of them names, else the stack's
 * default one.
 */
function dynamicProviderOf(
    moving: readonly StateResource[],
    resources: readonly StateResource[],
): StateResource | undefined {
    const named = moving.map((resource) => resource.provider).find(isString);
    return (
        resources.find(
            (resource) => resource.type === dynamicProviderType && named === `${resource.urn}::${resource.id}`,
        ) ??
        resources.find((resource) => resource.type === dynamicProviderType && /::default(_[\w]+)?$/.test(resource.urn))
    );
}

/**
 * The native package's default provider, with the inputs the engine gives one: the stack's `hookstream:*` config
 * without its prefix. The dynamic default provider was given the whole stack config at the last `up` (secrets as
 * ciphertext of this same stack), so its `hookstream:*` entries are exactly those inputs.
 */
function nativeDefaultProvider(
    stackUrn: string,
    dynamicProvider: StateResource | undefined,
    options: { providerId: string; now: string },
): StateResource & { id: string } {
    const inputs = Object.fromEntries(
        Object.entries(dynamicProvider?.inputs ?? {})
            .filter(([key]) => key.startsWith("hookstream:"))
            .map(([key, value]) => [key.slice("hookstream:".length), value]),
    );
    return {
        urn: defaultProviderUrn(stackUrn),
        custom: true,
        id: options.providerId,
        type: providerType,
        inputs,
        outputs: inputs,
        created: options.now,
        modified: options.now,
    };
}

/** `urn:pulumi:<stack>::<project>::pulumi:providers:hookstream::default`, from any URN of the stack. */
function defaultProviderUrn(anyUrn: string): string {
    const [prefix, project] = anyUrn.split("::");
    return `${prefix}::${project}::${providerType}::default`;
}

function mapUrns(value: unknown): unknown {
    if (typeof value === "string") return toNativeUrn(value);
    if (Array.isArray(value)) return value.map(mapUrns);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, urns]) => [key, mapUrns(urns)]));
    }
    return value;
}

function isString(value: unknown): value is string {
    return typeof value === "string";
}
