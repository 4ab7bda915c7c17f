import type { ConfigValue, Stack } from "@pulumi/pulumi/automation";
import type { Emulator } from "../../../emulator";
import { localStack } from "../../../scripts/pulumi-toolchain";

export interface ConsumerStackOptions {
    stackName?: string;
    /** A backend directory to share between stacks; a new one by default. */
    backendDir?: string;
    /** Stack config, set before the stack is returned. */
    config?: Record<string, ConfigValue>;
    /** More environment for the CLI and the processes it starts (the program, the provider host). */
    env?: Record<string, string>;
}

/**
 * A stack of a consumer project, driven by the real Pulumi CLI (Automation API on the project directory) with a
 * throwaway file:// backend and passphrase.
 */
export async function consumerStack(
    project: string,
    options: ConsumerStackOptions = {},
): Promise<{ stack: Stack; backendDir: string }> {
    const created = await localStack({
        workDir: project,
        stackName: options.stackName ?? "dev",
        ...(options.backendDir === undefined ? {} : { backendDir: options.backendDir }),
        ...(options.env === undefined ? {} : { env: options.env }),
    });
    if (options.config !== undefined) await created.stack.setAllConfig(options.config);
    return created;
}

/** The stack config that points the provider at an emulator: the API key as a secret, and the base URL. */
export function emulatorConfig(emulator: Emulator, apiKey: string): Record<string, ConfigValue> {
    return {
        "hookstream:apiKey": { value: apiKey, secret: true },
        "hookstream:baseUrl": { value: emulator.url },
    };
}
