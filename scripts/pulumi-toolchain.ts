import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";

/**
 * The real Pulumi CLI for the demo, the end-to-end tests and the benchmark: found or built by pulumi-cli.sh (cached
 * after the first run), driven through the Automation API with a throwaway file:// backend and passphrase.
 */

export const repoRoot = path.resolve(__dirname, "..");

const provided = new Map<string, Promise<string>>();

/** The last line a provisioning script in this folder prints (a directory), run once per process. */
function provide(script: string, what: string): Promise<string> {
    let result = provided.get(script);
    if (result === undefined) {
        result = promisify(execFile)("bash", [path.join(__dirname, script)], {
            maxBuffer: 64 * 1024 * 1024,
            timeout: 45 * 60_000,
        }).then(
            ({ stdout }) => stdout.trim().split("\n").pop()!,
            (error: Error & { stderr?: string }) => {
                throw new Error(`could not provide ${what}: ${error.message}\n${error.stderr ?? ""}`);
            },
        );
        provided.set(script, result);
    }
    return result;
}

/**
 * The directory holding `pulumi`, the language hosts (`pulumi-language-nodejs`, `-python`, `-go`, `-yaml`) and
 * `pulumi-resource-pulumi-nodejs`.
 */
export function pulumiBinDir(): Promise<string> {
    return provide("pulumi-cli.sh", "a Pulumi CLI");
}

/** A Python virtual environment with the `pulumi` package, for Pulumi.yaml's `runtime.options.virtualenv`. */
export function pythonVirtualenv(): Promise<string> {
    return provide("python-venv.sh", "a Python virtual environment with the pulumi package");
}

/** The Pulumi version scripts/pulumi-cli.sh provides: PULUMI_VERSION, or the default the script pins. */
export function pulumiVersionLabel(): string {
    const script = fs.readFileSync(path.join(__dirname, "pulumi-cli.sh"), "utf8");
    const pinned = /^version="\$\{PULUMI_VERSION:-([0-9.]+)\}"$/m.exec(script)?.[1];
    if (pinned === undefined) throw new Error("scripts/pulumi-cli.sh no longer pins a default Pulumi version");
    return process.env.PULUMI_VERSION ?? pinned;
}

export const passphrase = "pulumi-hookstream-throwaway";

export interface LocalStackOptions {
    /** A directory holding Pulumi.yaml. */
    workDir: string;
    stackName?: string;
    /** A backend directory to share between stacks; a new one by default. */
    backendDir?: string;
    env?: Record<string, string>;
}

/** Environment for the CLI and everything it starts: the CLI and the project's own Node.js first on PATH. */
export async function pulumiEnv(
    backendDir: string,
    extra: Record<string, string> = {},
): Promise<Record<string, string>> {
    const bin = await pulumiBinDir();
    return {
        PATH: [bin, path.join(repoRoot, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter),
        PULUMI_BACKEND_URL: `file://${backendDir}`,
        PULUMI_CONFIG_PASSPHRASE: passphrase,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        PULUMI_HOME: path.join(backendDir, ".pulumi-home"),
        ...extra,
    };
}

export function temporaryDir(prefix: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export async function localStack(options: LocalStackOptions): Promise<{ stack: Stack; backendDir: string }> {
    const backendDir = options.backendDir ?? temporaryDir("hookstream-backend");
    const bin = await pulumiBinDir();
    const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
    const stack = await LocalWorkspace.createOrSelectStack(
        { stackName: options.stackName ?? "test", workDir: options.workDir },
        { envVars: await pulumiEnv(backendDir, options.env), pulumiCommand },
    );
    return { stack, backendDir };
}

/**
 * `pulumi stack export` as stored: secrets stay ciphertext. (The Automation API's exportStack adds --show-secrets,
 * which decrypts them, so it cannot tell what is in state.)
 */
export async function exportStoredState(stack: Stack): Promise<string> {
    const workspace = stack.workspace as LocalWorkspace;
    const { stdout } = await promisify(execFile)(
        path.join(await pulumiBinDir(), "pulumi"),
        ["stack", "export", "--stack", stack.name],
        { cwd: workspace.workDir, env: { ...process.env, ...workspace.envVars }, maxBuffer: 256 * 1024 * 1024 },
    );
    return stdout;
}
