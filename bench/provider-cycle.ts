import type { ChannelArgs } from "./channel-set";
import { phaseTimer, type PhaseEnded, type PhaseTimes } from "./phase-timer";
import { inPool } from "./stats";

/**
 * The provider as the dynamic-provider host calls it: check then create, read, update (a rename), delete, each phase
 * over every channel at the given concurrency.
 */

export type Runtime = typeof import("../provider/runtime");
type Props = Record<string, unknown>;

// What the host finds in every property bag; check strips it, and the engine puts it back.
const storedShim = 'exports.handler = () => require("pulumi-hookstream/shim");';

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
            const checked = await provider.check!({} as never, { ...channel, __provider: storedShim } as never);
            if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
            const inputs = { ...checked.inputs, __provider: storedShim };
            const { id, outs } = await provider.create(inputs as never);
            state.set(channel, { id, outs: { ...outs, __provider: storedShim }, inputs });
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
