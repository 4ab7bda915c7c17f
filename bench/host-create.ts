import type { ChannelArgs } from "./channel-set";

/**
 * A create as the dynamic-provider host runs it for pulumi-hookstream's resource classes
 * (provider/core/dynamic-resource-props.ts): `check` of what the class sends (the arguments, the resource's URN and
 * `__finishAfterSave`), then `create`, which lists the kind once per process and POSTs under the marked name (or takes
 * up an object an interrupted attempt left marked), then a CreateFinish step's `check` and `create`, whose PATCH
 * gives the object its declared name once the engine has saved the id (provider/create-finish/). What each sends is
 * what an `up` sends for the same channels.
 */

export type Runtime = typeof import("../provider/runtime");
type Props = Record<string, unknown>;

// What the host finds in every property bag; check strips it, and the engine puts it back.
export const storedShim = 'exports.handler = () => require("pulumi-hookstream/shim");';

/** The URN the engine passes for a channel of the stack `bench` of the project `project`. */
export function channelUrn(project: string, name: string): string {
    return `urn:pulumi:bench::${project}::pulumi-nodejs:dynamic/hookstream:NotificationChannel::${name}`;
}

export interface HostCreated {
    id: string;
    /** The channel's outputs as the engine stores them. */
    outs: Props;
    /** The checked inputs as the engine stores them. */
    inputs: Props;
}

export async function createAsHost(runtime: Runtime, project: string, channel: ChannelArgs): Promise<HostCreated> {
    // Builds measured beside this one (BENCH_OVERHEAD_BEFORE) may predate the finishing step.
    const finishProvider = (runtime as Partial<Runtime>).providers?.CreateFinish;
    if (finishProvider === undefined) {
        throw new Error(
            "this provider build has no CreateFinish step: it does not create as the dynamic host now does",
        );
    }
    const { provider } = runtime;
    const sent = {
        ...channel,
        __provider: storedShim,
        __urn: channelUrn(project, channel.name),
        __finishAfterSave: true,
    };
    const checked = await provider.check!({} as never, sent as never);
    if (checked.inputs === undefined || checked.failures?.length) {
        throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    }
    const inputs = { ...(checked.inputs as Props), __provider: storedShim };
    const { id, outs } = (await provider.create(inputs as never)) as { id: string; outs: Props };
    // The step's members are the channels' outputs, as the resource classes pass them (create-finish/resource.ts). An
    // `up` runs one step for all its creates; one step per create, as here, is what a create costs at most.
    const member = { resource: "NotificationChannel", objectId: id, name: outs.name, enabled: outs.enabled };
    const finish = { members: [{ ...member, marker: outs.__createMarker }] };
    const finishChecked = await finishProvider.check!({} as never, finish as never);
    await finishProvider.create(finishChecked.inputs as never);
    return { id, outs: { ...outs, __provider: storedShim }, inputs };
}
