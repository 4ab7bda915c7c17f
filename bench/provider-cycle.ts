import type { ChannelArgs } from "./channel-set";
import { createAsHost, type Runtime } from "./host-create";
import { phaseTimer, type PhaseEnded, type PhaseTimes } from "./phase-timer";
import { inPool } from "../provider/core/in-pool";

/**
 * The provider as the dynamic-provider host calls it: a create as an `up` makes it (host-create.ts: check, create and
 * the CreateFinish step), read, update (a rename), delete, each phase over every channel at the given concurrency.
 */

type Props = Record<string, unknown>;

export async function providerCycle(
    runtime: Runtime,
    channels: ChannelArgs[],
    concurrency: number,
    ended: PhaseEnded,
): Promise<PhaseTimes> {
    const { provider } = runtime;
    const { timed, result } = phaseTimer(ended);
    const state = new Map<ChannelArgs, { id: string; outs: Props; inputs: Props }>();
    await timed("create", () =>
        inPool(channels, concurrency, async (channel) => {
            state.set(channel, await createAsHost(runtime, "overhead", channel));
        }),
    );
    await timed("read", () =>
        inPool(channels, concurrency, async (channel) => {
            const { id, outs } = state.get(channel)!;
            const result = await provider.read!(id, outs as never);
            if (result.id !== id) throw new Error(`read ${id} returned ${result.id}`);
        }),
    );
    await timed("update", () =>
        inPool(channels, concurrency, async (channel) => {
            const { id, outs, inputs } = state.get(channel)!;
            await provider.update!(id, outs as never, { ...inputs, name: `${channel.name}-renamed` } as never);
        }),
    );
    await timed("delete", () =>
        inPool(channels, concurrency, async (channel) => {
            const { id, outs } = state.get(channel)!;
            await provider.delete!(id, outs as never);
        }),
    );
    return result();
}
