import { channelSet } from "./channel-set";
import { startEmulatorProcess } from "./emulator-process";
import { figure, type Figure } from "./figure";
import { inPool, median, timed } from "./stats";

/**
 * Measurement 4: creates through the provider implementation against an emulator that allows `limit` calls per
 * window, as hookstream does (fixed windows, `RateLimit-*` headers, no `Retry-After`). The provider must wait
 * out each 429 and finish every create, spending calls close to the rate the limit allows. A create is more than
 * one call (a POST and its finishing PATCH), so the figure is calls carried out per second, not creates.
 */

type Runtime = typeof import("../provider/runtime");

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
    const rates: number[] = [];
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
            runtime.setStackSettings({ apiKey, baseUrl: emulator.url });
            const channels = Object.values(channelSet(options.count, `throughput-${rep}`));
            let completed = 0;
            const errors: string[] = [];
            const startedAt = Date.now();
            const ms = await timed(() =>
                inPool(channels, options.concurrency, async (channel) => {
                    try {
                        const checked = await runtime.provider.check!({} as never, { ...channel } as never);
                        if (checked.inputs === undefined || checked.failures?.length) {
                            throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
                        }
                        await runtime.provider.create(checked.inputs);
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
            windowUse.push(calls / (windows * limit));
            rates.push(calls / (ms / 1000));
            failures.push(errors.length);
            refused.push(tooMany);
            options.log(
                `  rep ${rep + 1}: ${completed} created with ${calls} calls in ${(ms / 1000).toFixed(2)} s ` +
                    `(${(calls / (ms / 1000)).toFixed(1)} calls/s), ${tooMany} answered 429, ${errors.length} failed` +
                    (errors[0] === undefined ? "" : ` (first: ${errors[0]})`),
            );
        } finally {
            await emulator.close();
        }
    }
    const result = figure({
        group: options.latencyMs ? "7 distant API" : "4 rate limit",
        label:
            `calls/s creating ${options.count} @${options.concurrency}, limit ${limit}/${windowSeconds}s` +
            (options.latencyMs ? `, ${options.latencyMs} ms away` : ""),
        unit: "req/s",
        subject: median(rates),
        baseline: allowedPerSecond,
        baselineName: "the limit",
        goal: { min: 0.9 },
        note:
            `failures ${Math.max(...failures)} (must be 0); 429s per run ${median(refused)}; ` +
            `${(median(windowUse) * 100).toFixed(0)}% of the calls allowed in the windows the run touched`,
        samples: { subject: rates, baseline: rates.map(() => allowedPerSecond) },
    });
    return { ...result, pass: result.pass === true && Math.max(...failures) === 0 };
}
