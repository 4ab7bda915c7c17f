import { channelSet } from "./channel-set";
import { startEmulatorProcess } from "./emulator-process";
import { figure, type Figure } from "./figure";
import { createAsHost, type Runtime } from "./host-create";
import { inPool } from "../provider/core/in-pool";
import { median, timed } from "./stats";

/**
 * Measurement 4: creates through the provider implementation, made as the dynamic host makes them in an `up`
 * (host-create.ts: the kind's list walked once, a marked POST per channel, the CreateFinish step's PATCH), against an
 * emulator that allows `limit` calls per window, as hookstream does (fixed windows, `RateLimit-*` headers, no
 * `Retry-After`). The provider must wait out each 429 and finish every create. The figure is creates per second, what
 * a user waits on; since the limit is on calls and a create is more than one, it is held to the limit's create
 * ceiling: the calls it allows per second ÷ the calls each create took.
 */

export interface ThroughputOptions {
    count: number;
    concurrency: number;
    limit: number;
    windowSeconds: number;
    reps: number;
    /** What every request waits at the emulator (a distant server); none by default. */
    latencyMs?: number;
    log: (line: string) => void;
}

const apiKey = "hs_test_" + "r".repeat(64);

export async function measureRateLimitedThroughput(options: ThroughputOptions): Promise<Figure> {
    const { limit, windowSeconds } = options;
    const runtime = require("pulumi-hookstream/runtime") as Runtime;
    const allowedPerSecond = limit / windowSeconds;
    const createRates: number[] = [];
    const ceilings: number[] = [];
    const callRates: number[] = [];
    const callsPerCreate: number[] = [];
    const failures: number[] = [];
    const refused: number[] = [];
    const windowUse: number[] = [];
    for (let rep = 0; rep < options.reps; rep++) {
        // A new emulator, so a new URL: the provider keeps what it learnt of the limit per URL and key, and each
        // repetition must start as a fresh `pulumi up` does.
        const emulator = await startEmulatorProcess({
            apiKey,
            project: "throughput",
            rateLimit: { limit, windowSeconds },
            latencyMs: options.latencyMs,
        });
        try {
            // A new transport, as a new host process has: the first create lists the channels again.
            runtime.setStackSettings({ apiKey, baseUrl: emulator.url });
            const channels = Object.values(channelSet(options.count, `throughput-${rep}`));
            let completed = 0;
            const errors: string[] = [];
            const startedAt = Date.now();
            const ms = await timed(() =>
                inPool(channels, options.concurrency, async (channel) => {
                    try {
                        await createAsHost(runtime, "throughput", channel);
                        completed += 1;
                    } catch (error) {
                        errors.push(error instanceof Error ? error.message : String(error));
                    }
                }),
            );
            const statuses = await emulator.statuses();
            const tooMany = statuses.filter((status) => status === 429).length;
            const calls = statuses.length - tooMany;
            // The emulator's windows are aligned to the clock: a run of 2.5 s may touch 3 of them.
            const windowMs = windowSeconds * 1000;
            const windows = Math.floor(Date.now() / windowMs) - Math.floor(startedAt / windowMs) + 1;
            const perCreate = calls / completed;
            windowUse.push(calls / (windows * limit));
            createRates.push(completed / (ms / 1000));
            callRates.push(calls / (ms / 1000));
            callsPerCreate.push(perCreate);
            ceilings.push(allowedPerSecond / perCreate);
            failures.push(errors.length);
            refused.push(tooMany);
            options.log(
                `  rep ${rep + 1}: ${completed} created in ${(ms / 1000).toFixed(2)} s: ` +
                    `${(completed / (ms / 1000)).toFixed(1)} creates/s (${(calls / (ms / 1000)).toFixed(1)} calls/s, ` +
                    `${calls} calls, ${perCreate.toFixed(3)} per create; the limit's create ceiling ` +
                    `${(allowedPerSecond / perCreate).toFixed(1)}/s), ${tooMany} answered 429, ${errors.length} failed` +
                    (errors[0] === undefined ? "" : ` (first: ${errors[0]})`),
            );
        } finally {
            await emulator.close();
        }
    }
    const result = figure({
        group: options.latencyMs ? "7 distant API" : "4 rate limit",
        label:
            `creates/s creating ${options.count} @${options.concurrency}, limit ${limit} calls/${windowSeconds}s` +
            (options.latencyMs ? `, ${options.latencyMs} ms away` : ""),
        unit: "creates/s",
        subject: median(createRates),
        baseline: median(ceilings),
        baselineName: "the limit's create ceiling",
        goal: { min: 0.9 },
        note:
            `${median(callRates).toFixed(1)} calls/s, ${median(callsPerCreate).toFixed(3)} calls per create ` +
            `(ceiling = ${allowedPerSecond} calls/s ÷ calls per create); failures ${Math.max(...failures)} ` +
            `(must be 0); 429s per run ${median(refused)}; ` +
            `${(median(windowUse) * 100).toFixed(0)}% of the calls allowed in the windows the run touched`,
        samples: { subject: createRates, baseline: ceilings },
    });
    return { ...result, pass: result.pass === true && Math.max(...failures) === 0 };
}
