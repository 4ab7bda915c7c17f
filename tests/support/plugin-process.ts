import { spawn, type ChildProcess } from "node:child_process";

/** A plugin process the engine would start: running, its gRPC port read from stdout, its stderr kept. */
export interface PluginProcess {
    child: ChildProcess;
    port: number;
    stderr: () => string;
}

/** Starts a plugin as the engine does and waits for the port it prints on a line of its own. */
export async function startPluginProcess(
    command: string,
    args: readonly string[],
    options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<PluginProcess> {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk: Buffer) => {
            out += chunk.toString();
            const match = /^(\d+)\s*$/m.exec(out);
            if (match) resolve(Number(match[1]));
        });
        child.once("exit", (code) => reject(new Error(`${command} exited with ${code}: ${stderr}`)));
    });
    return { child, port, stderr: () => stderr };
}

/** Stops a plugin process as the engine does at the end of a run, and waits until it has exited. */
export async function stopPluginProcess(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
}
