import { Agent, request } from "undici";
import { channelSet, type ChannelArgs } from "./channel-set";
import { startEmulatorProcess } from "./emulator-process";
import { figure, type Figure } from "./figure";
import { alternate, inPool, median } from "./stats";

/**
 * Measurement 1: what the provider implementation adds to each operation, over the very same HTTP requests sent
 * straight through undici. Both sides run in this process against one emulator process, at the same concurrency;
 * the provider is called as the dynamic-provider host calls it.
 */

type Runtime = typeof import("../provider/runtime");
type Props = Record<string, unknown>;

export const operations = ["create", "read", "update", "delete"] as const;
export type Operation = (typeof operations)[number];
/** Wall-clock ms per phase, and this process's CPU ms per phase (where the provider's own work shows). */
type PhaseTimes = Record<Operation, number> & { cpu: Record<Operation, number> };

export interface OverheadOptions {
    count: number;
    concurrency: number;
    reps: number;
}

const apiKey = "hs_test_" + "o".repeat(64);
// What the host finds in every property bag; check strips it, and the engine puts it back.
const storedShim = 'exports.handler = () => require("pulumi-hookstream/shim");';

export async function measureProviderOverhead(options: OverheadOptions): Promise<Figure[]> {
    const emulator = await startEmulatorProcess({ apiKey, project: "overhead" });
    // The package resolves itself by name (Node's self-reference): this is dist/provider/provider.js, as installed.
    const runtime = require("pulumi-hookstream/runtime") as Runtime;
    runtime.setStackSettings({ apiKey, baseUrl: emulator.url });
    // The provider's own agent settings (client.ts keepAliveAgent), so connection reuse is alike on both sides.
    const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });
    const channels = Object.values(channelSet(options.count, "overhead"));
    const cycle = async (run: (channels: ChannelArgs[], concurrency: number) => Promise<PhaseTimes>) => {
        await emulator.reset();
        return run(channels, options.concurrency);
    };
    const direct = (list: ChannelArgs[], concurrency: number) => directCycle(agent, emulator.url, list, concurrency);
    const viaProvider = (list: ChannelArgs[], concurrency: number) => providerCycle(runtime, list, concurrency);
    try {
        // Warm-up: JIT, connections, and the provider's lazily built client and schemas.
        await cycle(direct);
        await cycle(viaProvider);
        const runs = await alternate(
            options.reps,
            () => cycle(direct),
            () => cycle(viaProvider),
        );
        return operations.map((operation) => {
            const subject = runs.subject.map((times) => (times[operation] * 1000) / options.count);
            const baseline = runs.baseline.map((times) => (times[operation] * 1000) / options.count);
            const cpu = (list: PhaseTimes[]) =>
                median(list.map((times) => (times.cpu[operation] * 1000) / options.count));
            return figure({
                group: "1 provider overhead",
                label: `${operation} ×${options.count} @${options.concurrency}`,
                unit: "µs/op",
                subject: median(subject),
                baseline: median(baseline),
                baselineName: "undici direct",
                goal: { max: 1.15 },
                note: `CPU of this process: ${cpu(runs.subject).toFixed(0)} vs ${cpu(runs.baseline).toFixed(0)} µs/op`,
                samples: { subject, baseline },
            });
        });
    } finally {
        await agent.close();
        await emulator.close();
    }
}

/** The provider as the host calls it: check then create, read, update (a rename), delete. */
async function providerCycle(runtime: Runtime, channels: ChannelArgs[], concurrency: number): Promise<PhaseTimes> {
    const { provider } = runtime;
    const { timed, result } = phaseTimer();
    const state = new Map<ChannelArgs, { id: string; outs: Props; inputs: Props }>();
    const create = await timed(() =>
        inPool(channels, concurrency, async (channel) => {
            const checked = await provider.check!({} as never, { ...channel, __provider: storedShim } as never);
            if (checked.failures?.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
            const inputs = { ...checked.inputs, __provider: storedShim };
            const { id, outs } = await provider.create(inputs as never);
            state.set(channel, { id, outs: { ...outs, __provider: storedShim }, inputs });
        }),
    );
    const read = await timed(() =>
        inPool(channels, concurrency, async (channel) => {
            const { id, outs } = state.get(channel)!;
            const result = await provider.read!(id, outs as never);
            if (result.id !== id) throw new Error(`read ${id} returned ${result.id}`);
        }),
    );
    const update = await timed(() =>
        inPool(channels, concurrency, async (channel) => {
            const { id, outs, inputs } = state.get(channel)!;
            await provider.update!(id, outs as never, { ...inputs, name: `${channel.name}-renamed` } as never);
        }),
    );
    const remove = await timed(() =>
        inPool(channels, concurrency, async (channel) => {
            const { id, outs } = state.get(channel)!;
            await provider.delete!(id, outs as never);
        }),
    );
    return result({ create, read, update, delete: remove });
}

/** The same four requests per channel, sent with undici alone: no validation, no retry interceptor, no mapping. */
async function directCycle(agent: Agent, baseUrl: string, channels: ChannelArgs[], concurrency: number) {
    const headers = {
        "x-api-key": apiKey,
        "user-agent": "pulumi-hookstream-bench",
        accept: "application/json",
        "content-type": "application/json",
    };
    const send = async (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown) => {
        const response = await request(`${baseUrl}${path}`, {
            dispatcher: agent,
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = (await response.body.json()) as Props;
        if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode}`);
        return json;
    };
    const { timed, result } = phaseTimer();
    const ids = new Map<ChannelArgs, string>();
    const create = await timed(() =>
        inPool(channels, concurrency, async (channel) => {
            const body = { name: channel.name, channel_type: channel.channelType, config: channel.config };
            const json = await send("POST", "/notification-channels", body);
            ids.set(channel, String(((json.channel ?? json) as Props).id));
        }),
    );
    const path = (channel: ChannelArgs) => `/notification-channels/${encodeURIComponent(ids.get(channel)!)}`;
    const read = await timed(() =>
        inPool(channels, concurrency, (channel) => send("GET", path(channel)).then(() => {})),
    );
    const update = await timed(() =>
        inPool(channels, concurrency, (channel) =>
            send("PATCH", path(channel), { name: `${channel.name}-renamed` }).then(() => {}),
        ),
    );
    const remove = await timed(() =>
        inPool(channels, concurrency, (channel) => send("DELETE", path(channel)).then(() => {})),
    );
    return result({ create, read, update, delete: remove });
}

/** `timed` as in stats.ts, also keeping the CPU time each phase took, in order of the calls. */
function phaseTimer() {
    const cpu: number[] = [];
    const timed = async (run: () => Promise<unknown>) => {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await run();
        const elapsed = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        cpu.push((used.user + used.system) / 1000);
        return elapsed;
    };
    const result = (wall: Record<Operation, number>): PhaseTimes => ({
        ...wall,
        cpu: Object.fromEntries(operations.map((operation, i) => [operation, cpu[i]!])) as Record<Operation, number>,
    });
    return { timed, result };
}
