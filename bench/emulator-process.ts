import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { repoRoot } from "../scripts/pulumi-toolchain";
import type { SentRequest } from "./request-counts";

/**
 * The hookstream emulator in a process of its own (its CLI, built into dist/), so that serving requests never
 * competes with the measured code for the bench process's event loop.
 */
export interface EmulatorProcess {
    /** The API base URL, including `/v1`. */
    url: string;
    /** As freshly started: no channels, recorded requests or rate-limit windows. */
    reset(): Promise<void>;
    /** Status codes of every API request since the last reset. */
    statuses(): Promise<number[]>;
    /** Every API request since the last reset, in the order received. */
    requests(): Promise<SentRequest[]>;
    /** How many channels the emulator holds. */
    channelCount(): Promise<number>;
    close(): Promise<void>;
}

export interface EmulatorProcessOptions {
    apiKey: string;
    project: string;
    /** Calls per window; without it, effectively unlimited. */
    rateLimit?: { limit: number; windowSeconds: number };
    /** What every API request waits before it is served: hookstream.io as a distant server. */
    latencyMs?: number;
}

const unlimited = { limit: 1_000_000_000, windowSeconds: 1 };

export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
    const { limit, windowSeconds } = options.rateLimit ?? unlimited;
    const cli = path.join(repoRoot, "dist", "emulator", "cli.js");
    const child = spawn(
        process.execPath,
        [
            cli,
            "--port",
            "0",
            "--api-key",
            `${options.apiKey}=${options.project}`,
            "--rate-limit",
            `${limit}/${windowSeconds}`,
            ...(options.latencyMs ? ["--latency", String(options.latencyMs)] : []),
        ],
        // The per-request log on stderr is of no use here; writing it to a pipe nobody reads would stall the emulator.
        { stdio: ["ignore", "pipe", "ignore"] },
    );
    const url = await firstLine(child);
    const control = new URL("/_emulator/", url);
    return {
        url,
        async reset() {
            await expectOk(await fetch(new URL("reset", control), { method: "POST" }));
        },
        async statuses() {
            const response = await expectOk(await fetch(new URL("requests", control)));
            return ((await response.json()) as { status: number }[]).map((request) => request.status);
        },
        async requests() {
            const response = await expectOk(await fetch(new URL("requests", control)));
            return (await response.json()) as SentRequest[];
        },
        async channelCount() {
            const response = await expectOk(await fetch(new URL("channels", control)));
            return ((await response.json()) as { channels: unknown[] }).channels.length;
        },
        async close() {
            if (child.exitCode !== null || child.signalCode !== null) return;
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            await exited;
        },
    };
}

function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const newline = out.indexOf("\n");
            if (newline !== -1) resolve(out.slice(0, newline).trim());
        });
        child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before printing its URL`)));
    });
}

async function expectOk(response: Response): Promise<Response> {
    if (!response.ok) throw new Error(`emulator control API: ${response.status} ${await response.text()}`);
    return response;
}
