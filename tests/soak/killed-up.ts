import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Emulator, RecordedRequest } from "../../emulator";
import { repoRoot } from "../support/provider-host";
import { killTree } from "../support/process-tree";
import type { KillPoint, Recovery } from "./kill-plan";

/**
 * A soak round's `pulumi up` run as a CI job runs it, through the CLI, and killed (`kill -9` of the CLI and every
 * plugin) at its kill point; then the recovery a user runs next, on a runner that kept nothing of the killed one.
 */

const cli = path.join(repoRoot, "dist", "cli", "index.js");
const writes = new Set(["POST", "PATCH", "DELETE"]);

/**
 * Follows the emulator's answers: `hook` is to be the emulator's `onRequest`. A request is recorded as it arrives and
 * counts as answered once the emulator finished it (answered, cut or dropped), which its status alone cannot tell.
 */
export class Answers {
    readonly #answered = new WeakSet<RecordedRequest>();
    listener: ((request: RecordedRequest) => void) | undefined;

    readonly hook = (request: RecordedRequest): void => {
        this.#answered.add(request);
        this.listener?.(request);
    };

    isAnswered(request: RecordedRequest): boolean {
        return this.#answered.has(request);
    }
}

export interface CliContext {
    pulumi: string;
    stackName: string;
    /** The program's directory. */
    cwd: string;
    env: NodeJS.ProcessEnv;
    /** The file backend's directory. */
    backendDir: string;
}

export interface KilledUp {
    /** False when the `up` ended (succeeded or failed) before its kill point. */
    killed: boolean;
    /** The CLI's exit code; null when it was killed. */
    code: number | null;
    /** Everything the CLI printed. */
    text: string;
}

export async function killedUp(
    context: CliContext,
    upArgs: string[],
    point: KillPoint,
    emulator: Emulator,
    answers: Answers,
    project: string,
): Promise<KilledUp> {
    const first = emulator.requests.length;
    const ours = (request: RecordedRequest) => request.project === project;
    const child = spawn(context.pulumi, ["up", "--yes", "--skip-preview", "--stack", context.stackName, ...upArgs], {
        cwd: context.cwd,
        env: context.env,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout.on("data", (data: Buffer) => (text += data.toString()));
    child.stderr.on("data", (data: Buffer) => (text += data.toString()));
    const exit = exited(child, "exit");
    let done = false;
    void exit.then(() => (done = true));
    let killed = false;
    const kill = () => {
        if (killed || done) return;
        killed = true;
        killTree(child.pid!);
    };
    try {
        if (point.kind === "answered") {
            let answered = 0;
            answers.listener = (request) => {
                if (ours(request) && ++answered === point.after) kill();
            };
        } else {
            const matches = (request: RecordedRequest) =>
                ours(request) &&
                (point.method === undefined ? writes.has(request.method) : request.method === point.method) &&
                !answers.isAnswered(request);
            while (!done && !killed) {
                if (emulator.requests.slice(first).filter(matches).length >= point.writes) kill();
                await new Promise((resolve) => setTimeout(resolve, 5));
            }
        }
        const code = await exit;
        return { killed, code, text };
    } finally {
        answers.listener = undefined;
    }
}

export interface RecoveryOutcome {
    /** Steps that failed, with their exit code; `pulumi cancel` is left out, which fails when no lock was left. */
    failures: string[];
    /**
     * The kill tore the file backend's metadata (an empty `<stack>.json.attrs`, docs/recovery.md), so every Pulumi
     * command failed with `failed to load checkpoint: EOF`: `recover --cancel`, which the README names for it, ran
     * first.
     */
    torn: boolean;
    text: string;
}

/**
 * What the user runs after the kill, before `pulumi up`. When the kill tore the file backend's metadata, Pulumi's own
 * commands cannot load the stack at all: `recover --cancel` repairs it first, as the README's troubleshooting says.
 */
export async function recoverWith(recovery: Recovery, context: CliContext): Promise<RecoveryOutcome> {
    const stack = ["--stack", context.stackName];
    const recover: Step = [
        process.execPath,
        [cli, "recover", ...stack, "--cwd", context.cwd, "--cancel", "--wait", "2"],
        true,
    ];
    const torn = tornSidecars(context.backendDir).length > 0;
    const steps: Step[] = torn ? [recover] : [];
    if (recovery === "cancel" || recovery === "refresh") {
        steps.push([context.pulumi, ["cancel", "--yes", ...stack], false]);
    }
    if (recovery === "refresh") {
        steps.push([context.pulumi, ["refresh", "--clear-pending-creates", "--yes", "--skip-preview", ...stack], true]);
    }
    if (recovery === "recover") steps.push(recover);
    const outcome: RecoveryOutcome = { failures: [], torn, text: "" };
    for (const [command, args, mustSucceed] of steps) {
        const { code, output } = await run(command, args, context);
        outcome.text += output;
        const name = command === context.pulumi ? `pulumi ${args[0]}` : `hookstream-pulumi ${args[1]}`;
        if (code !== 0 && mustSucceed) outcome.failures.push(`${name} exited ${code}: ${lastLine(output)}`);
    }
    return outcome;
}

type Step = [command: string, args: string[], mustSucceed: boolean];

/** Empty `.attrs` files under the file backend's stacks: what a kill inside a checkpoint's write leaves. */
function tornSidecars(backendDir: string): string[] {
    const stacks = path.join(backendDir, ".pulumi", "stacks");
    if (!fs.existsSync(stacks)) return [];
    return fs
        .readdirSync(stacks, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(".json.attrs") && fs.statSync(path.join(stacks, file)).size === 0);
}

async function run(
    command: string,
    args: string[],
    context: CliContext,
): Promise<{ code: number | null; output: string }> {
    const child = spawn(command, args, { cwd: context.cwd, env: context.env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (data: Buffer) => (output += data.toString()));
    child.stderr.on("data", (data: Buffer) => (output += data.toString()));
    return { code: await exited(child, "close"), output };
}

function lastLine(text: string): string {
    return (
        text
            .trim()
            .split("\n")
            .filter((line) => line.trim() !== "")
            .pop()
            ?.trim()
            .slice(0, 300) ?? ""
    );
}

/** `close` waits for the output too; `exit` does not wait on a pipe some killed plugin may have held. */
function exited(child: ChildProcess, event: "exit" | "close"): Promise<number | null> {
    return new Promise((resolve, reject) => {
        child.once("error", reject);
        child.once(event, (code: number | null) => resolve(code));
    });
}
