import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

/**
 * The user's own `pulumi` CLI, run in their project with their environment (backend login, passphrase), so the
 * recovery reads and writes the stack exactly as `pulumi up` does.
 */
export class PulumiCli {
    constructor(private readonly options: { cwd: string; stack: string | undefined; command?: string }) {}

    private async run(args: string[], { ofStack = true } = {}): Promise<string> {
        const stackArgs = this.options.stack === undefined || !ofStack ? [] : ["--stack", this.options.stack];
        try {
            const { stdout } = await promisify(execFile)(this.options.command ?? "pulumi", [...args, ...stackArgs], {
                cwd: this.options.cwd,
                maxBuffer: 512 * 1024 * 1024,
                env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
            });
            return stdout;
        } catch (error) {
            const { stderr, code } = error as { stderr?: string; code?: unknown };
            if (code === "ENOENT") throw new Error("the `pulumi` CLI was not found on PATH");
            // Only the CLI's own words: it prints no secrets for these commands.
            throw new Error(`\`pulumi ${args.join(" ")}\` failed: ${(stderr ?? String(error)).trim()}`);
        }
    }

    /** The stack's deployment as stored: secrets stay ciphertext. */
    async exportState(): Promise<StackExport> {
        return JSON.parse(await this.run(["stack", "export"])) as StackExport;
    }

    async importState(state: StackExport): Promise<void> {
        // Ciphertext only (exported without --show-secrets), so the file holds no secret in the clear.
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-recover-"));
        const file = path.join(dir, "state.json");
        try {
            fs.writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
            await this.run(["stack", "import", "--file", file]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    }

    /** The URL of the backend the project's stacks are stored in, as `pulumi whoami` resolves it. */
    async backendUrl(): Promise<string> {
        return (JSON.parse(await this.run(["whoami", "--json"], { ofStack: false })) as { url: string }).url;
    }

    /** Removes the lock an interrupted update left (`pulumi cancel`). */
    async cancel(): Promise<void> {
        await this.run(["cancel", "--yes"]);
    }

    /** A stack config value, decrypted; undefined when it is not set. */
    async config(key: string): Promise<string | undefined> {
        try {
            const value = (await this.run(["config", "get", key])).replace(/\r?\n$/, "");
            return value === "" ? undefined : value;
        } catch (error) {
            if (/not found/i.test((error as Error).message)) return undefined;
            throw error;
        }
    }
}

/** What `pulumi stack export` prints, as far as the recovery reads and writes it. */
export interface StackExport {
    version: number;
    deployment: {
        resources?: StateResource[];
        pending_operations?: PendingOperation[];
        [key: string]: unknown;
    };
}

export interface StateResource {
    urn: string;
    type: string;
    id?: string;
    custom?: boolean;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
    /** Set on an object a replacement left for the next `up` to delete. */
    delete?: boolean;
    [key: string]: unknown;
}

export interface PendingOperation {
    resource: StateResource;
    type: string;
}
