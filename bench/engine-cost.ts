import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { Stack } from "@pulumi/pulumi/automation";
import { localStack, pulumiBinDir, pulumiEnv, temporaryDir } from "../scripts/pulumi-toolchain";
import { channelSet } from "./channel-set";
import { startEmulatorProcess, type EmulatorProcess } from "./emulator-process";
import { engineFigures, engineOperations, type EngineOperation } from "./engine-figures";
import { figure, type Figure } from "./figure";
import { PeakRssSampler } from "./peak-rss";
import { median, rotate, timed } from "./stats";

/**
 * Measurement 3 (and 5): the whole engine with the real CLI. The same stack, of NotificationChannels and of the
 * floor (a dynamic resource that answers from memory), through up, a no-change preview, three refreshes and destroy;
 * while `up` runs at the memory size, the peak RSS of each run's provider host is sampled. Programs run in turn
 * within each repetition, so two subjects compared with each other (the native host and the dynamic one) share the
 * machine's conditions as each shares them with the floor.
 */

export { engineOperations, type EngineOperation } from "./engine-figures";
export type CycleResult = {
    seconds: Record<EngineOperation, number>;
    /** The seconds of each of the cycle's refreshes, in order. */
    refreshes: number[];
    /** API requests the emulator received during each operation (channel programs only). */
    requests?: Record<EngineOperation, number>;
    peakRss?: number;
};

export interface EngineProgram {
    key: string;
    /** How the report names it, such as "in repo". */
    label: string;
    workDir: string;
    /** Whether its resources are hookstream channels (then the emulator is checked after each step). */
    channels: boolean;
    /** The sizes it runs at; all of them when absent. */
    sizes?: number[];
    /** A fragment of its provider host's command line, for the peak RSS. @default "dynamic-provider" */
    hostCommand?: string;
    /**
     * The resources it registers besides one per channel: 1 for the dynamic host's classes, whose program gets the
     * step that finishes its creates (provider/create-finish/). @default 0
     */
    extraResources?: number;
}

/** Two subjects held to each other, such as the native host against the dynamic one, by program key. */
export interface EngineComparison {
    subject: string;
    baseline: string;
    /** Each operation's goal for subject ÷ baseline; none for a build measured against the one before it. */
    goal?: number;
}

/** A provider plugin the stacks need, installed into their PULUMI_HOME as users install it. */
export interface EnginePlugin {
    name: string;
    version: string;
    /** The tarball `pulumi plugin install resource <name> <version> --file` takes. */
    tarball: string;
}

export interface EngineOptions {
    /** The first is the floor, the baseline of all others. */
    programs: [EngineProgram, ...EngineProgram[]];
    sizes: number[];
    /** Repetitions per size. */
    reps: (size: number) => number;
    /** The size whose `up` is sampled for peak RSS. */
    memorySize: number;
    /**
     * hookstream.io as a distant server: every request waits this long at the emulator, and so does every operation
     * of the floor program. Without it, the emulator answers at once and the floor from memory.
     */
    latencyMs?: number;
    /** The report's group for these figures. @default "3 whole engine" */
    group?: string;
    /** Each operation's goal, as a ratio to the floor. @default 1.1 for each */
    goals?: Partial<Record<EngineOperation, number>>;
    /** Ratios between subjects, reported beside each one's ratio to the floor. */
    comparisons?: EngineComparison[];
    plugins?: EnginePlugin[];
    log: (line: string) => void;
}

export interface EngineResult {
    figures: Figure[];
    memory: Figure[];
    /** Median seconds by program key, size and operation, for the per-resource table. */
    medians: Record<string, Record<number, Record<EngineOperation, number>>>;
}

const apiKey = "hs_test_" + "e".repeat(64);

export async function measureEngineCost(options: EngineOptions): Promise<EngineResult> {
    const emulator = await startEmulatorProcess({ apiKey, project: "engine", latencyMs: options.latencyMs });
    const group = options.group ?? "3 whole engine";
    const backendDir = temporaryDir("hookstream-bench-backend");
    for (const plugin of options.plugins ?? []) await installPlugin(plugin, backendDir);
    const opened: { stack: Stack; configFile: string }[] = [];
    const open = async (program: EngineProgram, size: number) => {
        const stackName = `bench-${program.key}-${size}`;
        const { stack } = await localStack({ workDir: program.workDir, stackName, backendDir });
        opened.push({ stack, configFile: path.join(program.workDir, `Pulumi.${stackName}.yaml`) });
        // The same config everywhere, so every program decrypts one secret and parses one JSON document.
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("channels", { value: JSON.stringify(channelSet(size)) });
        if (options.latencyMs) await stack.setConfig("floorLatencyMs", { value: String(options.latencyMs) });
        return stack;
    };
    const [floor] = options.programs;
    const result: EngineResult = { figures: [], memory: [], medians: {} };
    try {
        for (const size of options.sizes) {
            const programs = options.programs.filter((program) => program.sizes?.includes(size) ?? true);
            const stacks = await Promise.all(programs.map((program) => open(program, size)));
            const sampleRss = size === options.memorySize;
            const runs = await rotate(
                options.reps(size),
                programs.map((program, index) => async (rep: number) => {
                    const sampler = sampleRss ? (program.hostCommand ?? "dynamic-provider") : undefined;
                    const resources = size + (program.extraResources ?? 0);
                    const channels = program.channels ? emulator : undefined;
                    const run = await cycle(stacks[index]!, size, resources, sampler, channels);
                    options.log(`  ${program.label.padEnd(16)} ×${size} rep ${rep + 1}: ${describe(run)}`);
                    return run;
                }),
            );
            programs.forEach((program, index) => {
                (result.medians[program.key] ??= {})[size] = medianSeconds(runs[index]!);
            });
            const sized = engineFigures({
                group,
                size,
                programs,
                runs,
                goals: options.goals,
                comparisons: options.comparisons,
                requests: Boolean(options.latencyMs),
                memory: sampleRss,
            });
            result.figures.push(...sized.figures);
            result.memory.push(...sized.memory);
        }
        if (!options.latencyMs) {
            for (const program of options.programs.slice(1)) {
                result.figures.push(...linearity(result.medians, floor.key, program));
            }
        }
        return result;
    } finally {
        for (const { stack, configFile } of opened) {
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            fs.rmSync(configFile, { force: true });
        }
        fs.rmSync(backendDir, { recursive: true, force: true });
        await emulator.close();
    }
}

/** Refreshes per cycle, of which the cycle reports the median. */
const refreshesPerCycle = 3;

/** up, no-change preview, refreshes, destroy; checks each did what it should, so a broken run cannot look fast. */
async function cycle(
    stack: Stack,
    size: number,
    resources: number,
    hostCommand: string | undefined,
    emulator: EmulatorProcess | undefined,
): Promise<CycleResult> {
    await emulator?.reset();
    // API requests so far; the control API's own calls are not recorded.
    const requestsSoFar = async () => (emulator ? (await emulator.statuses()).length : 0);
    const requests = {} as Record<EngineOperation, number>;
    const sampler = hostCommand === undefined ? undefined : new PeakRssSampler(hostCommand);
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
    requests.up = await requestsSoFar();
    expect(created === resources + 1, `up created ${created} resources, not ${resources} and the stack`);
    if (emulator) {
        const held = await emulator.channelCount();
        expect(held === size, `the emulator holds ${held} channels after up, not ${size}`);
    }
    let same = 0;
    const preview = await timed(async () => {
        same = (await stack.preview({ expectNoChanges: true })).changeSummary.same ?? 0;
    });
    requests.preview = (await requestsSoFar()) - requests.up;
    expect(same === resources + 1, `the no-change preview kept ${same} resources, not ${resources + 1}`);
    // A refresh of the largest stack takes about two seconds, so a single one per cycle leaves its figure to noise:
    // the cycle's figure is the median of a few, and its requests those of the one that sent the most.
    const refreshes: number[] = [];
    requests.refresh = 0;
    for (let i = 0; i < refreshesPerCycle; i++) {
        const before = await requestsSoFar();
        refreshes.push(await timed(() => stack.refresh()));
        requests.refresh = Math.max(requests.refresh, (await requestsSoFar()) - before);
    }
    const refresh = median(refreshes);
    const beforeDestroy = await requestsSoFar();
    const destroy = await timed(() => stack.destroy());
    requests.destroy = (await requestsSoFar()) - beforeDestroy;
    if (emulator) {
        const held = await emulator.channelCount();
        expect(held === 0, `the emulator still holds ${held} channels after destroy`);
    }
    return {
        seconds: { up: up / 1000, preview: preview / 1000, refresh: refresh / 1000, destroy: destroy / 1000 },
        refreshes: refreshes.map((ms) => ms / 1000),
        requests: emulator ? requests : undefined,
        peakRss: peaks.length === 0 ? undefined : Math.max(...peaks),
    };
}

/**
 * Whether a program scales as the floor does: seconds per resource at its largest size over seconds per resource
 * at the size before, against the same growth of the floor. The floor itself grows faster than linearly (the
 * file backend rewrites the whole checkpoint after every step), so linear is judged relative to it.
 */
function linearity(medians: EngineResult["medians"], floorKey: string, program: EngineProgram): Figure[] {
    const sizes = Object.keys(medians[program.key] ?? {})
        .map(Number)
        .sort((a, b) => a - b);
    if (sizes.length < 2) return [];
    const [small, large] = [sizes[sizes.length - 2]!, sizes[sizes.length - 1]!];
    const growth = (key: string, operation: EngineOperation) =>
        medians[key]![large]![operation] / large / (medians[key]![small]![operation] / small);
    return engineOperations.map((operation) =>
        figure({
            group: "3 whole engine",
            label: `${operation} s/resource ×${large} ÷ ×${small}, ${program.label}`,
            unit: "×",
            subject: growth(program.key, operation),
            baseline: growth(floorKey, operation),
            baselineName: "floor's growth",
            goal: { max: 1.1 },
        }),
    );
}

/** `pulumi plugin install resource <name> <version> --file <tarball>` into the PULUMI_HOME the stacks use. */
async function installPlugin(plugin: EnginePlugin, backendDir: string): Promise<void> {
    const pulumi = path.join(await pulumiBinDir(), "pulumi");
    const args = ["plugin", "install", "resource", plugin.name, plugin.version, "--file", plugin.tarball];
    await promisify(execFile)(pulumi, args, { env: { ...process.env, ...(await pulumiEnv(backendDir)) } });
}

function medianSeconds(runs: CycleResult[]): Record<EngineOperation, number> {
    const entries = engineOperations.map((operation) => [operation, median(runs.map((run) => run.seconds[operation]))]);
    return Object.fromEntries(entries) as Record<EngineOperation, number>;
}

function describe(run: CycleResult): string {
    const times = engineOperations
        .map((operation) => {
            const sent = run.requests === undefined ? "" : ` (${run.requests[operation]} req)`;
            const each = operation === "refresh" ? ` of ${run.refreshes.map((s) => s.toFixed(1)).join("/")}` : "";
            return `${operation} ${run.seconds[operation].toFixed(1)}s${each}${sent}`;
        })
        .join(", ");
    return run.peakRss === undefined ? times : `${times}; host peak RSS ${(run.peakRss / 2 ** 20).toFixed(0)} MiB`;
}

function expect(condition: boolean, message: string): void {
    if (!condition) throw new Error(message);
}
