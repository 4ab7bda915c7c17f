import type { HeldObject } from "../../provider/core/resource-kind";
import { createFinishTypeToken } from "../../provider/create-finish/type-token";
import { kindNamed, resourceKinds } from "../../provider/resources";
import type { Decision, PendingCreate, RecordedResource, ResourceKind } from "./plan";
import type { PendingOperation, StackExport, StateResource } from "./pulumi-cli";

/** The kind's name for each type token the dynamic provider records. */
const kindOfType = new Map(resourceKinds.map((kind) => [kind.tokens.dynamic, kind.name]));

/** The stack's pending creates of pulumi-hookstream resources. */
export function pendingCreates(state: StackExport): PendingCreate[] {
    return (state.deployment.pending_operations ?? []).flatMap((operation) => {
        const kind = kindOfType.get(operation.resource.type);
        if (operation.type !== "creating" || kind === undefined) return [];
        return [{ urn: operation.resource.urn, kind, inputs: operation.resource.inputs ?? {} }];
    });
}

/**
 * URNs of the pending creates of steps that finish creates (provider/create-finish/). Clearing one loses nothing: the
 * next `up` runs it again.
 */
export function pendingFinishSteps(state: StackExport): string[] {
    return (state.deployment.pending_operations ?? [])
        .filter(isFinishStepCreate)
        .map((operation) => operation.resource.urn);
}

function isFinishStepCreate(operation: PendingOperation): boolean {
    return operation.type === "creating" && operation.resource.type === createFinishTypeToken;
}

/**
 * URNs of pending creates of other providers' resources. A pending step that finishes a create is ours, and nothing
 * is lost when it is cleared: the next `up` runs it again.
 */
export function otherPendingCreates(state: StackExport): string[] {
    const ours = (type: string) => kindOfType.has(type) || type === createFinishTypeToken;
    return (state.deployment.pending_operations ?? [])
        .filter((operation) => operation.type === "creating" && !ours(operation.resource.type))
        .map((operation) => operation.resource.urn);
}

/**
 * Ids of the pulumi-hookstream resources the stack records, the projects (`envId`) they live in, and the resource
 * recorded for each URN (not one a replacement left for the next `up` to delete).
 */
export function managed(state: StackExport): {
    ids: Set<string>;
    envIds: Set<string>;
    byUrn: Map<string, RecordedResource>;
} {
    const ids = new Set<string>();
    const envIds = new Set<string>();
    const byUrn = new Map<string, RecordedResource>();
    for (const resource of state.deployment.resources ?? []) {
        if (!kindOfType.has(resource.type) || resource.id === undefined) continue;
        ids.add(resource.id);
        const createToken = resource.outputs?.__createToken ?? resource.inputs?.__createToken;
        if (resource.delete !== true) byUrn.set(resource.urn, { id: resource.id, createToken });
        const envId = resource.outputs?.envId;
        if (typeof envId === "string") envIds.add(envId);
    }
    return { ids, envIds, byUrn };
}

/**
 * The state with each decided pending create resolved: a settled one becomes a resource holding the object's id and
 * what hookstream holds now (a name still marked included, which the next `up` mends as an update), and the object it
 * replaces is marked for deletion, as the engine marks it once a replacement is created; a dropped one is removed, so
 * the next `up` creates it. Unresolved ones stay pending.
 */
export function applyDecisions(
    state: StackExport,
    decisions: readonly Decision[],
    objects: ReadonlyMap<string, HeldObject>,
): StackExport {
    const resolved = new Map(decisions.filter((d) => d.action !== "unresolved").map((d) => [d.pending.urn, d]));
    const operations = state.deployment.pending_operations ?? [];
    const added: StateResource[] = [];
    const kept = operations.filter((operation) => {
        // A finishing step's pending create is dropped: the next `up` runs the step again.
        if (isFinishStepCreate(operation)) return false;
        const decision = operation.type === "creating" ? resolved.get(operation.resource.urn) : undefined;
        if (decision === undefined) return true;
        if (decision.action === "settle") {
            const object = objects.get(decision.object.id);
            if (object === undefined) throw new Error(`no object ${decision.object.id} to record`);
            added.push(recordedResource(operation.resource, decision.pending.kind, object));
        }
        return false;
    });
    /** The id each settled replacement replaces, by URN. */
    const replaced = new Map(
        decisions.flatMap((d) =>
            d.action === "settle" && d.replaces !== undefined ? [[d.pending.urn, d.replaces]] : [],
        ),
    );
    const resources = (state.deployment.resources ?? []).map((resource) =>
        resource.id !== undefined && replaced.get(resource.urn) === resource.id
            ? { ...resource, delete: true }
            : resource,
    );
    return {
        ...state,
        deployment: {
            ...state.deployment,
            resources: [...resources, ...added],
            pending_operations: kept,
        },
    };
}

function recordedResource(pending: StateResource, kindName: ResourceKind, object: HeldObject): StateResource {
    const inputs = pending.inputs ?? {};
    const kind = kindNamed(kindName);
    // Secret inputs are ciphertext here and are echoed as such: outputs repeat the inputs (the kind's toOutputs).
    const computed = { ...kind.toOutputs(inputs, object) };
    const outputs: Record<string, unknown> = { ...computed, name: object.name, __provider: inputs.__provider };
    // Whether the delivery check ran is unknown: the next `up` asks for it again.
    if (kind.deliveryCheck !== undefined && inputs.verify === true) outputs.verification = "failed";
    const now = new Date().toISOString();
    return { ...pending, id: object.id, outputs, created: now, modified: now };
}
