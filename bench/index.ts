import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pulumiBinDir, repoRoot } from "../scripts/pulumi-toolchain";
import { renderChart } from "./chart";
import {
    measureEngineCost,
    type EngineComparison,
    type EnginePlugin,
    type EngineProgram,
    type EngineResult,
} from "./engine-cost";
import type { Figure } from "./figure";
import { createPackedProject } from "../scripts/packed-project";
import { packPlugin } from "../native/pack-plugin";
import { measureProviderOverhead } from "./provider-overhead";
import { measureProviderSize, type StoredProvider } from "./provider-size";
import { measureRateLimitedThroughput } from "./rate-limited-throughput";
import { measureRuntimeLoad } from "./runtime-load";
import { formatPerResource, formatTable } from "./report";

/**
 * `npm run bench`: every figure is a ratio against a baseline measured in the same run. Prints a table and writes
 * .bench/results.json and .bench/chart.svg. BENCH_SIZES (e.g. "50,200") and BENCH_REPS (one count per size)
 * shorten the whole-engine part, which takes most of the time; BENCH_DISTANT_SIZES and BENCH_LATENCY_MS set the
 * distant-API part, and BENCH_ONLY (e.g. "3,7") runs only the measurements it numbers. BENCH_OVERHEAD_REPS and
 * BENCH_THROUGHPUT_REPS set the rounds of measurements 1 and 4 (a quick check of them). BENCH_OVERHEAD_BEFORE, a
 * built checkout of another version, adds that version to the provider-overhead measurement, in the same run;
 * BENCH_ENGINE_BEFORE, likewise, adds its packed package to the whole-engine parts. The whole-engine parts (3 and 7)
 * run the same channels through the dynamic host and the native plugin, in turn.
 */

const outDir = path.join(repoRoot, ".bench");
/** What the native plugin's host process runs (bin/pulumi-resource-hookstream), for its peak RSS. */
const hostCommand = path.join("dist", "native", "main.js");
const sizes = listFromEnv("BENCH_SIZES", [50, 200, 500]);
const engineReps = listFromEnv(
    "BENCH_REPS",
    sizes.map((size) => (size >= 500 ? 2 : 3)),
);
const distantSizes = listFromEnv("BENCH_DISTANT_SIZES", [100, 500]);
const overheadBefore = process.env.BENCH_OVERHEAD_BEFORE;
const engineBefore = process.env.BENCH_ENGINE_BEFORE ? path.resolve(process.env.BENCH_ENGINE_BEFORE) : undefined;
const settings = {
    overhead: {
        count: 200,
        concurrency: 16,
        reps: listFromEnv("BENCH_OVERHEAD_REPS", [51])[0]!,
        ...(overheadBefore
            ? {
                  before: {
                      runtime: path.join(overheadBefore, "dist", "provider", "runtime.js"),
                      label: `before: ${path.basename(overheadBefore)}`,
                  },
              }
            : {}),
    },
    throughput: {
        count: 300,
        concurrency: 32,
        limit: 100,
        windowSeconds: 1,
        reps: listFromEnv("BENCH_THROUGHPUT_REPS", [5])[0]!,
    },
    runtimeLoad: { reps: 21 },
    distant: {
        latencyMs: listFromEnv("BENCH_LATENCY_MS", [40])[0]!,
        sizes: distantSizes,
        reps: Object.fromEntries(distantSizes.map((size) => [size, size >= 500 ? 2 : 3])),
        throughput: { count: 300, concurrency: 32, limit: 100, windowSeconds: 1, reps: 3 },
    },
    engine: {
        sizes,
        reps: Object.fromEntries(sizes.map((size, i) => [size, engineReps[i] ?? 1])),
        packedSizes: sizes.slice(-2),
    },
};

function log(line: string): void {
    process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
    const startedAt = new Date();
    const pulumiVersion = execFileSync(path.join(await pulumiBinDir(), "pulumi"), ["version"], {
        encoding: "utf8",
    }).trim();
    const machine = {
        cores: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        memoryMiB: Math.round(os.totalmem() / 2 ** 20),
        node: process.version,
        pulumi: pulumiVersion,
        loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
    };
    const header =
        `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}, ` +
        `pulumi ${machine.pulumi}, load ${machine.loadAverageAtStart.join(" ")}`;
    log(`pulumi-hookstream bench: ${header}`);

    const figures: Figure[] = [];
    const errors: string[] = [];
    let engine: EngineResult | undefined;
    let floorProvider: StoredProvider | undefined;
    const only = process.env.BENCH_ONLY?.split(",").map((item) => item.trim());
    const step = async (title: string, run: () => Promise<void>) => {
        // BENCH_ONLY="7" runs only the numbered measurements it lists (and what they need, such as the pack).
        const number = /^\d+/.exec(title)?.[0];
        if (only !== undefined && number !== undefined && !only.includes(number)) return;
        log(`\n== ${title}`);
        const started = performance.now();
        try {
            await run();
        } catch (error) {
            const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
            errors.push(`${title}: ${message}`);
            log(`FAILED: ${message}`);
        }
        log(`   (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    };

    await step("1 provider overhead vs undici direct", async () => {
        figures.push(...(await measureProviderOverhead(settings.overhead)));
    });
    let packedProject: string | undefined;
    /** BENCH_ENGINE_BEFORE's checkout and the fresh project its packed package is installed in. */
    let before: { source: string; project: string } | undefined;
    let nativeProject: string | undefined;
    let nativePlugin: EnginePlugin | undefined;
    // The measurements that run the packed package.
    if (only === undefined || ["2", "3", "7"].some((number) => only.includes(number))) {
        await step("npm pack, installed into a fresh project", async () => {
            packedProject = createPackedProject(path.join(__dirname, "programs", "channels"));
            log(`   ${packedProject}`);
            if (engineBefore !== undefined) {
                const project = createPackedProject(path.join(__dirname, "programs", "channels"), engineBefore);
                before = { source: engineBefore, project };
                log(`   ${project} (${engineBefore})`);
            }
        });
    }
    // The native host's arm: the plugin tarball (`npm run pack:plugin`), which each whole-engine measurement installs
    // into its stacks' PULUMI_HOME, and the same channels declared by type token in a fresh project like the packed one.
    if (only === undefined || ["3", "7"].some((number) => only.includes(number))) {
        await step("native plugin tarball, and its program in a fresh project", async () => {
            fs.mkdirSync(outDir, { recursive: true });
            const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
                version: string;
            };
            nativePlugin = { name: "hookstream", version, tarball: packPlugin(outDir) };
            nativeProject = createPackedProject(path.join(__dirname, "programs", "native"));
            log(`   ${nativePlugin.tarball}\n   ${nativeProject}`);
        });
    }
    await step("2 stored __provider size", async () => {
        if (packedProject === undefined) throw new Error("no packed project");
        const sizes = await measureProviderSize(packedProject);
        figures.push(...sizes.figures);
        floorProvider = sizes.floor;
        log(`   floor's __provider: ${sizes.floor.bytes} B, ${sizes.floor.resourceBytes} B of state per resource`);
    });
    await step("4 throughput under a rate limit", async () => {
        figures.push(await measureRateLimitedThroughput({ ...settings.throughput, log }));
    });
    const programs: [EngineProgram, ...EngineProgram[]] = [
        { key: "floor", label: "floor", workDir: path.join(__dirname, "programs", "floor"), channels: false },
        {
            key: "repo",
            label: "in repo",
            workDir: path.join(__dirname, "programs", "channels"),
            channels: true,
            extraResources: 1,
        },
    ];
    if (packedProject !== undefined) {
        const packedSizes = settings.engine.packedSizes;
        programs.push({
            key: "packed",
            label: "packed",
            workDir: packedProject,
            channels: true,
            sizes: packedSizes,
            extraResources: 1,
        });
    }
    if (before !== undefined) {
        programs.push({
            key: "before",
            label: `packed ${path.basename(before.source)}`,
            workDir: before.project,
            channels: true,
            sizes: settings.engine.packedSizes,
            // A version from before the finishing step registers none.
            extraResources: fs.existsSync(path.join(before.source, "dist", "provider", "create-finish")) ? 1 : 0,
        });
    }
    if (nativeProject !== undefined) {
        const sizes = settings.engine.packedSizes;
        programs.push({ key: "native", label: "native", workDir: nativeProject, channels: true, sizes, hostCommand });
    }
    const plugins = nativePlugin === undefined ? [] : [nativePlugin];
    // The native host against the dynamic one as users install each (the packed package; in the repo without it).
    const dynamicKey = packedProject === undefined ? "repo" : "packed";
    const comparisons: EngineComparison[] = [
        { subject: "native", baseline: dynamicKey, goal: 1.0 },
        // This build against the one before it, measured in turn with it.
        { subject: dynamicKey, baseline: "before" },
    ];
    await step("3 + 5 whole engine with the real CLI, and provider host memory", async () => {
        engine = await measureEngineCost({
            programs,
            sizes,
            reps: (size) => settings.engine.reps[size] ?? 1,
            memorySize: sizes[sizes.length - 1]!,
            comparisons,
            plugins,
            log,
        });
        figures.push(...engine.figures, ...engine.memory);
    });
    await step("7 a distant API: the emulator answers after a latency, and the floor waits as long", async () => {
        const { latencyMs } = settings.distant;
        const subject = programs.find((program) => program.key === dynamicKey)!;
        const others = programs.filter((program) => ["native", "before"].includes(program.key));
        const distant = await measureEngineCost({
            programs: [
                programs[0],
                { ...subject, sizes: undefined },
                ...others.map((p) => ({ ...p, sizes: undefined })),
            ],
            sizes: settings.distant.sizes,
            reps: (size) => settings.distant.reps[size] ?? 1,
            memorySize: Number.NaN,
            latencyMs,
            group: "7 distant API",
            goals: { up: 1.1, preview: 1.1, refresh: 1.0, destroy: 1.1 },
            comparisons,
            plugins,
            log,
        });
        figures.push(...distant.figures);
        figures.push(await measureRateLimitedThroughput({ ...settings.distant.throughput, latencyMs, log }));
    });
    for (const project of [packedProject, nativeProject]) {
        if (project !== undefined) fs.rmSync(project, { recursive: true, force: true });
    }
    if (nativePlugin !== undefined) fs.rmSync(nativePlugin.tarball, { force: true });
    await step("6 provider start: loading it with and without V8's code cache", async () => {
        figures.push(await measureRuntimeLoad(settings.runtimeLoad));
    });

    const order = ["1", "2", "3", "4", "5", "6", "7"];
    figures.sort((a, b) => order.indexOf(a.group[0]!) - order.indexOf(b.group[0]!));
    const durationSeconds = Math.round((Date.now() - startedAt.getTime()) / 1000);
    log(`\n== Results (${header}; ${durationSeconds} s)\n`);
    log(formatTable(figures));
    if (engine !== undefined) {
        log(`\nwhole engine, median time per resource:\n`);
        log(formatPerResource(engine.medians, Object.fromEntries(programs.map((p) => [p.key, p.label]))));
    }
    const missed = figures.filter((f) => f.pass === false);
    log(
        `\n${missed.length === 0 ? "every goal met" : `${missed.length} goal(s) missed: ${missed.map((f) => f.label).join("; ")}`}`,
    );

    fs.mkdirSync(outDir, { recursive: true });
    const results = {
        startedAt: startedAt.toISOString(),
        durationSeconds,
        machine,
        settings,
        figures,
        wholeEngineMedianSeconds: engine?.medians,
        nativeHost: nativePlugin && {
            version: nativePlugin.version,
            installed:
                "pulumi plugin install resource hookstream <version> --file <tarball>, into each stack's PULUMI_HOME",
        },
        floorProvider,
        errors,
    };
    fs.writeFileSync(path.join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(outDir, "chart.svg"), renderChart(figures, `${header}; ${startedAt.toISOString()}`));
    log(`\nwrote ${path.join(outDir, "results.json")} and ${path.join(outDir, "chart.svg")}`);
    if (errors.length > 0) {
        log(`\n${errors.length} measurement(s) failed:\n${errors.join("\n")}`);
        process.exitCode = 1;
    }
}

function listFromEnv(name: string, fallback: number[]): number[] {
    const value = process.env[name];
    if (value === undefined || value.trim() === "") return fallback;
    const list = value.split(",").map((item) => Number(item.trim()));
    if (list.some((item) => !Number.isInteger(item) || item <= 0))
        throw new Error(`${name} must list positive integers`);
    return list;
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
});
