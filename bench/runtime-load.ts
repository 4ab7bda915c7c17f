import { execFileSync } from "node:child_process";
import { repoRoot, temporaryDir } from "../scripts/pulumi-toolchain";
import { figure, type Figure } from "./figure";
import { alternate, median } from "./stats";
import * as fs from "node:fs";

/**
 * Measurement 6: what loading the provider costs each new dynamic-provider process (one per `pulumi` command),
 * with V8's code cache on disk, which the provider turns on (provider/runtime.ts), against the same load with
 * Node's cache turned off. Each sample is a fresh Node process timing `require("pulumi-hookstream/runtime")`.
 */
export async function measureRuntimeLoad(options: { reps: number }): Promise<Figure> {
    const cacheDir = temporaryDir("hookstream-compile-cache");
    try {
        const loadMs = (env: Record<string, string>) => async () => {
            const script =
                'const t = performance.now(); require("pulumi-hookstream/runtime"); ' +
                "process.stdout.write(String(performance.now() - t));";
            const output = execFileSync(process.execPath, ["-e", script], {
                cwd: repoRoot,
                env: { ...process.env, NODE_COMPILE_CACHE: cacheDir, ...env },
                encoding: "utf8",
            });
            return Number(output);
        };
        await loadMs({})(); // fills the cache, as the first command after installing does
        const runs = await alternate(options.reps, loadMs({ NODE_DISABLE_COMPILE_CACHE: "1" }), loadMs({}));
        return figure({
            group: "6 provider start",
            label: "load the provider in a new host process",
            unit: "ms",
            subject: median(runs.subject),
            baseline: median(runs.baseline),
            baselineName: "no code cache",
            note: "once per pulumi command",
            samples: runs,
        });
    } finally {
        fs.rmSync(cacheDir, { recursive: true, force: true });
    }
}
