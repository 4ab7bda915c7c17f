import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { localStack, temporaryDir } from "../scripts/pulumi-toolchain";
import { channelSet } from "./channel-set";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process";
import { figure, type Figure } from "./figure";
import { PeakRssSampler } from "./peak-rss";
import { alternate, median, timed } from "./stats";

/**
 * Measurement 3 (and 5): the whole engine with the real CLI. The same stack, once of NotificationChannels and once
 * of the floor (a dynamic resource that answers from memory), through up, a no-change preview, refresh and
 * destroy; while `up` runs at the largest size, the peak RSS of each run's dynamic-provider host is sampled.
 */

export const engineOperations = ["up", "preview", "refresh", "destroy"] as const;
export type EngineOperation = (typeof engineOperations)[number];
type CycleResult = { seconds: Record<EngineOperation, number>; peakRss?: number };

export interface EngineOptions {
    sizes: number[];
    /** Repetitions per size. */
    reps: (size: number) => number;
    /** The size whose `up` is sampled for peak RSS. */
    memorySize: number;
    log: (line: string) => void;
}

export interface EngineResult {
    figures: Figure[];
    memory: Figure[];
    /** Median seconds per program, size and operation, for the per-resource table. */
    medians: Record<"channels" | "floor", Record<number, Record<EngineOperation, number>>>;
}

const apiKey = "hs_test_" + "e".repeat(64);
const programsDir = path.join(__dirname, "programs");

export async function measureEngineCost(options: EngineOptions): Promise<EngineResult> {
    const emulator = await startEmulatorProcess({ apiKey, project: "engine" });
    const backendDir = temporaryDir("hookstream-bench-backend");
    const stacks: { stack: Stack; configFile: string }[] = [];
    const open = async (program: "channels" | "floor", size: number) => {
        const stackName = `bench-${size}`;
        const { stack } = await localStack({ workDir: path.join(programsDir, program), stackName, backendDir });
        stacks.push({ stack, configFile: path.join(programsDir, program, `Pulumi.${stackName}.yaml`) });
        // The same config on both, so both decrypt one secret and parse one JSON document.
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("channels", { value: JSON.stringify(channelSet(size)) });
        return stack;
    };
    const result: EngineResult = { figures: [], memory: [], medians: { channels: {}, floor: {} } };
    try {
        for (const size of options.sizes) {
            const channels = await open("channels", size);
            const floor = await open("floor", size);
            const sampleRss = size === options.memorySize;
            const runs = await alternate(
                options.reps(size),
                async (rep) => {
                    const run = await cycle(floor, size, sampleRss, undefined);
                    options.log(`  floor    ×${size} rep ${rep + 1}: ${describe(run)}`);
                    return run;
                },
                async (rep) => {
                    const run = await cycle(channels, size, sampleRss, emulator);
                    options.log(`  channels ×${size} rep ${rep + 1}: ${describe(run)}`);
                    return run;
                },
            );
            result.medians.channels[size] = medianSeconds(runs.subject);
            result.medians.floor[size] = medianSeconds(runs.baseline);
            for (const operation of engineOperations) {
                const subject = runs.subject.map((run) => run.seconds[operation]);
                const baseline = runs.baseline.map((run) => run.seconds[operation]);
                result.figures.push(
                    figure({
                        group: "3 whole engine",
                        label: `${operation} ×${size}`,
                        unit: "s",
                        subject: median(subject),
                        baseline: median(baseline),
                        baselineName: "floor program",
                        goal: { max: 1.1 },
                        samples: { subject, baseline },
                    }),
                );
            }
            if (sampleRss) {
                const subject = runs.subject.map((run) => (run.peakRss ?? NaN) / 2 ** 20);
                const baseline = runs.baseline.map((run) => (run.peakRss ?? NaN) / 2 ** 20);
                result.memory.push(
                    figure({
                        group: "5 memory",
                        label: `provider host peak RSS, up ×${size}`,
                        unit: "MiB",
                        subject: median(subject),
                        baseline: median(baseline),
                        baselineName: "floor's host",
                        samples: { subject, baseline },
                    }),
                );
            }
        }
        result.figures.push(...linearity(result.medians, options.sizes));
        return result;
    } finally {
        for (const { stack, configFile } of stacks) {
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            fs.rmSync(configFile, { force: true });
        }
        fs.rmSync(backendDir, { recursive: true, force: true });
        await emulator.close();
    }
}

/** up, no-change preview, refresh, destroy; checks each did what it should, so a broken run cannot look fast. */
async function cycle(
    stack: Stack,
    size: number,
    sampleRss: boolean,
    emulator: EmulatorProcess | undefined,
): Promise<CycleResult> {
    await emulator?.reset();
    const sampler = sampleRss ? new PeakRssSampler() : undefined;
    let created = 0;
    let peaks: number[] = [];
    let up: number;
    try {
        up = await timed(async () => {
            created = (await stack.up()).summary.resourceChanges?.create ?? 0;
        });
    } finally {
        peaks = [...(sampler?.stop().values() ?? [])];
    }
    expect(created === size + 1, `up created ${created} resources, not ${size} and the stack`);
    if (emulator) {
        const held = await emulator.channelCount();
        expect(held === size, `the emulator holds ${held} channels after up, not ${size}`);
    }
    let same = 0;
    const preview = await timed(async () => {
        same = (await stack.preview({ expectNoChanges: true })).changeSummary.same ?? 0;
    });
    expect(same === size + 1, `the no-change preview kept ${same} resources, not ${size + 1}`);
    const refresh = await timed(() => stack.refresh());
    const destroy = await timed(() => stack.destroy());
    if (emulator) {
        const held = await emulator.channelCount();
        expect(held === 0, `the emulator still holds ${held} channels after destroy`);
    }
    return {
        seconds: { up: up / 1000, preview: preview / 1000, refresh: refresh / 1000, destroy: destroy / 1000 },
        peakRss: peaks.length === 0 ? undefined : Math.max(...peaks),
    };
}

/**
 * Whether the channels scale as the floor does: ms per resource at the largest size over ms per resource at the
 * middle size, for the channels (subject) against the same growth of the floor (baseline). The floor itself grows
 * faster than linearly (the file backend rewrites the whole checkpoint after each step), so linear is judged
 * relative to it.
 */
function linearity(medians: EngineResult["medians"], sizes: number[]): Figure[] {
    if (sizes.length < 2) return [];
    const [small, large] = [sizes[sizes.length - 2]!, sizes[sizes.length - 1]!];
    const growth = (program: "channels" | "floor", operation: EngineOperation) =>
        medians[program][large]![operation] / large / (medians[program][small]![operation] / small);
    return engineOperations.map((operation) =>
        figure({
            group: "3 whole engine",
            label: `${operation} s/resource ×${large} ÷ ×${small}`,
            unit: "×",
            subject: growth("channels", operation),
            baseline: growth("floor", operation),
            baselineName: "floor's growth",
            goal: { max: 1.1 },
        }),
    );
}

function medianSeconds(runs: CycleResult[]): Record<EngineOperation, number> {
    const entries = engineOperations.map((operation) => [operation, median(runs.map((run) => run.seconds[operation]))]);
    return Object.fromEntries(entries) as Record<EngineOperation, number>;
}

function describe(run: CycleResult): string {
    const times = engineOperations.map((operation) => `${operation} ${run.seconds[operation].toFixed(1)}s`).join(", ");
    return run.peakRss === undefined ? times : `${times}, host peak RSS ${(run.peakRss / 2 ** 20).toFixed(0)} MiB`;
}

function expect(condition: boolean, message: string): void {
    if (!condition) throw new Error(message);
}
