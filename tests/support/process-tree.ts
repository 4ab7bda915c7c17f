import { execFileSync } from "node:child_process";

/**
 * `kill -9` of a process and everything it started, as a CI runner's cancellation does. The Pulumi CLI's plugins
 * (language host, program, provider host) run in process groups of their own, so killing the CLI's group alone
 * would leave them running: each descendant is found by its parent pid and killed by pid.
 *
 * The root is stopped first, before the process table is read: a cancelled runner takes the engine at once, and a
 * stopped engine saves nothing more, so the state left behind is the state of the moment the kill was decided, however
 * long `ps` takes. (Killing it at once instead would orphan its children before they are found.) Synchronous on
 * purpose: called from the emulator's request hook, nothing else is answered until every process is gone.
 */
export function killTree(rootPid: number): number[] {
    signal(rootPid, "SIGSTOP");
    const doomed = processTree(rootPid);
    for (const pid of doomed) signal(pid, "SIGKILL");
    return doomed;
}

/** A process and every process under it, parents before children, from one reading of the process table. */
export function processTree(rootPid: number): number[] {
    const table = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
        .trim()
        .split("\n")
        .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
    const tree = [rootPid];
    for (let i = 0; i < tree.length; i++) {
        for (const [pid, ppid] of table) if (ppid === tree[i] && !tree.includes(pid)) tree.push(pid);
    }
    return tree;
}

function signal(pid: number, name: NodeJS.Signals): void {
    try {
        process.kill(pid, name);
    } catch {
        // already gone
    }
}
