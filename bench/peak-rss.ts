import * as fs from "node:fs";

/**
 * Polls /proc for the provider host processes started below this process whose command line holds
 * `commandFragment` (the engine starts one per run: bench → pulumi → pulumi-resource-pulumi-nodejs → node
 * …/cmd/dynamic-provider, or bench → pulumi → pulumi-resource-hookstream → node …/dist/native/main.js) and keeps the
 * largest VmHWM (the kernel's own peak RSS) each one reported. Processes of other runs on the machine are not ours.
 */
export class PeakRssSampler {
    readonly #peaks = new Map<number, number>();
    readonly #timer: NodeJS.Timeout;

    constructor(
        private readonly commandFragment = "dynamic-provider",
        intervalMs = 100,
    ) {
        this.#timer = setInterval(() => this.#sample(), intervalMs);
    }

    /** Stops polling; the peak of each matching process, in bytes, by pid. */
    stop(): Map<number, number> {
        clearInterval(this.#timer);
        this.#sample();
        return this.#peaks;
    }

    #sample(): void {
        for (const entry of safeReaddir("/proc")) {
            const pid = Number(entry);
            if (!Number.isInteger(pid) || pid === process.pid) continue;
            const command = readProc(pid, "cmdline")?.replaceAll("\0", " ");
            if (command === undefined || !command.includes(this.commandFragment)) continue;
            if (!descendsFrom(pid, process.pid)) continue;
            const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readProc(pid, "status") ?? "");
            if (hwm) this.#peaks.set(pid, Math.max(this.#peaks.get(pid) ?? 0, Number(hwm[1]) * 1024));
        }
    }
}

function descendsFrom(pid: number, ancestor: number): boolean {
    for (let current = pid, hops = 0; current > 1 && hops < 32; hops++) {
        if (current === ancestor) return true;
        // The command may hold spaces and parentheses; the fields after the last ")" are fixed: state, then ppid.
        const stat = readProc(current, "stat");
        if (stat === undefined) return false;
        current = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    }
    return false;
}

function readProc(pid: number, file: string): string | undefined {
    try {
        return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
    } catch {
        return undefined; // gone between the listing and the read
    }
}

function safeReaddir(dir: string): string[] {
    try {
        return fs.readdirSync(dir);
    } catch {
        return [];
    }
}
