import * as path from "node:path";
import { Agent } from "undici";
import { channelSet } from "./channel-set";
import { directCycle } from "./direct-cycle";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process";
import { figure, type Figure } from "./figure";
import { operations, type Operation, type PhaseEnded, type PhaseTimes } from "./phase-timer";
import type { Runtime } from "./host-create";
import { providerCycle } from "./provider-cycle";
import { countRequests, describeCounts, differingCounts, type RequestCounts } from "./request-counts";
import { median, rotate } from "./stats";

/**
 * Measurement 1: what the provider implementation adds to each operation, over the very same HTTP requests sent
 * straight through undici (direct-cycle.ts). Both sides run in this process against one emulator process, at the
 * same concurrency; the provider is called as the dynamic-provider host calls it. Every cycle counts, per phase, the
 * requests the emulator received, and the measurement fails when a side sent other requests than the baseline.
 *
 * With `before`, another build of the provider (its dist/provider/runtime.js) is measured in the same run, in turn
 * with the other two, so a change is judged against what it changed.
 */

export interface OverheadOptions {
    count: number;
    concurrency: number;
    reps: number;
    before?: { runtime: string; label: string };
}

const apiKey = "hs_test_" + "o".repeat(64);

interface Cycle {
    times: PhaseTimes;
    sent: Record<Operation, RequestCounts>;
}

interface Arm {
    name: string;
    run(ended: PhaseEnded): Promise<PhaseTimes>;
}

export async function measureProviderOverhead(options: OverheadOptions): Promise<Figure[]> {
    const emulator = await startEmulatorProcess({ apiKey, project: "overhead" });
    // The provider's own agent settings (core/transport.ts keepAliveAgent), so connection reuse is alike on both sides.
    const agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });
    const channels = Object.values(channelSet(options.count, "overhead"));
    const providerArm = (name: string, runtime: Runtime): Arm => ({
        name,
        run: (ended) => {
            // A new transport per cycle, as a new host process has: the read batcher starts afresh, so every cycle's
            // reads send what a refresh's reads send.
            runtime.setStackSettings({ apiKey, baseUrl: emulator.url });
            return providerCycle(runtime, channels, options.concurrency, ended);
        },
    });
    const direct: Arm = {
        name: "undici direct",
        run: (ended) => directCycle({ agent, baseUrl: emulator.url, apiKey }, channels, options.concurrency, ended),
    };
    // The package resolves itself by name (Node's self-reference): this is dist/provider/runtime.js, as installed.
    const arms = [direct, providerArm("this build", require("pulumi-hookstream/runtime") as Runtime)];
    if (options.before) {
        arms.push(providerArm(options.before.label, require(path.resolve(options.before.runtime)) as Runtime));
    }
    try {
        // Warm-up: JIT, connections, and the providers' lazily built clients and schemas.
        for (const arm of arms) await runCycle(emulator, arm);
        const runs = await rotate(
            options.reps,
            arms.map((arm) => () => runCycle(emulator, arm)),
        );
        assertAlikeRequests(arms, runs);
        const sample = (cycles: Cycle[], operation: Operation) =>
            cycles.map((cycle) => (cycle.times[operation] * 1000) / options.count);
        const cpu = (cycles: Cycle[], operation: Operation) =>
            median(cycles.map((cycle) => (cycle.times.cpu[operation] * 1000) / options.count)).toFixed(0);
        const [directRuns, currentRuns, beforeRuns] = runs as [Cycle[], Cycle[], Cycle[]?];
        const label = (operation: Operation) => `${operation} ×${options.count} @${options.concurrency}`;
        return operations.flatMap((operation) => {
            const requests = `requests per cycle: ${describeCounts(directRuns[0]!.sent[operation])}`;
            const versus = (subject: Cycle[], baseline: Cycle[], labelSuffix: string, baselineName: string) =>
                figure({
                    group: "1 provider overhead",
                    label: `${label(operation)}${labelSuffix}`,
                    unit: "µs/op",
                    subject: median(sample(subject, operation)),
                    baseline: median(sample(baseline, operation)),
                    baselineName,
                    ...(baselineName === direct.name ? { goal: { max: 1.15 } } : {}),
                    note: `CPU of this process: ${cpu(subject, operation)} vs ${cpu(baseline, operation)} µs/op; ${requests}`,
                    samples: { subject: sample(subject, operation), baseline: sample(baseline, operation) },
                });
            const figures = [versus(currentRuns, directRuns, "", direct.name)];
            if (beforeRuns && options.before) {
                const before = options.before.label;
                figures.push(
                    versus(beforeRuns, directRuns, ` (${before})`, direct.name),
                    versus(currentRuns, beforeRuns, `, this build vs ${before}`, before),
                );
            }
            return figures;
        });
    } finally {
        await agent.close();
        await emulator.close();
    }
}

/** One cycle of an arm on an emptied emulator, with what each of its phases sent. */
async function runCycle(emulator: EmulatorProcess, arm: Arm): Promise<Cycle> {
    await emulator.reset();
    const sent: Partial<Record<Operation, RequestCounts>> = {};
    let seen = 0;
    const times = await arm.run(async (operation) => {
        const requests = await emulator.requests();
        sent[operation] = countRequests(requests.slice(seen));
        seen = requests.length;
    });
    return { times, sent: sent as Record<Operation, RequestCounts> };
}

/** Every arm's every cycle sent, phase by phase, the requests the baseline's cycle of the same round sent. */
function assertAlikeRequests(arms: Arm[], runs: Cycle[][]): void {
    const [baselineRuns, ...others] = runs;
    others.forEach((cycles, i) =>
        cycles.forEach((cycle, rep) => {
            for (const operation of operations) {
                const differences = differingCounts(cycle.sent[operation], baselineRuns![rep]!.sent[operation]);
                if (differences.length > 0) {
                    throw new Error(
                        `${arms[i + 1]!.name} sent other requests than ${arms[0]!.name} in round ${rep}'s ` +
                            `${operation}, so their times cannot be compared: ${differences.join("; ")}`,
                    );
                }
            }
        }),
    );
}
