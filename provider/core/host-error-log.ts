/**
 * The dynamic-provider host writes every error that check, diff, read or delete throws to stderr as
 * `${error}: ${error.stack}` before it returns the error's message to the engine
 * (@pulumi/pulumi cmd/dynamic-provider/index.js), and the engine prints a dynamic provider's stderr in the CLI output,
 * each line again under Diagnostics (pkg/resource/plugin/plugin.go). The engine already prints the message once for
 * the resource it belongs to, inline and under Diagnostics; the stderr copy adds the message twice more per place.
 *
 * An error of ours carries no stack frames (errors.ts), so the host's line for it is one text said twice: such a line
 * says nothing the engine does not print, and is dropped. Any other line, an unexpected bug's stack among them, is
 * written as it was.
 */

const installed = Symbol.for("pulumi-hookstream.host-error-log");

/** Whether `text` is a text followed by `: ` and the same text again: an error line with no frame to show. */
export function isRepeatedErrorLine(text: unknown): boolean {
    if (typeof text !== "string") return false;
    const half = (text.length - 2) / 2;
    if (!Number.isInteger(half) || half === 0 || text.slice(half, half + 2) !== ": ") return false;
    return text.slice(0, half) === text.slice(half + 2);
}

/** Whether this process is the dynamic-provider host (and not the user's program or a test runner). */
export function isDynamicProviderHost(mainFilename: string | undefined = require.main?.filename): boolean {
    return mainFilename !== undefined && /[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(mainFilename);
}

/**
 * Drops the host's repeated error lines from this process's stderr. Only inside the dynamic-provider host, once per
 * process: the program, the host and the stored shim may each load a copy of this module.
 */
export function quietHostErrorLog(): void {
    const process = globalThis as { [installed]?: true };
    if (process[installed] || !isDynamicProviderHost()) return;
    process[installed] = true;
    const write = console.error.bind(console);
    console.error = (...args: unknown[]) => {
        if (args.length === 1 && isRepeatedErrorLine(args[0])) return;
        write(...args);
    };
}
