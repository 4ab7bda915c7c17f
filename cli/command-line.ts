import { parseArgs } from "node:util";

export const usage = `usage: hookstream-pulumi discover [--base-url URL] [--reveal-secrets]

Lists every notification channel and alert rule of the hookstream project behind HOOKSTREAM_API_KEY and prints a
TypeScript program that adopts each one, as a NotificationChannel or an AlertRule whose channelIds refer to the
channels' variables. Progress goes to stderr, the code to stdout.

  --base-url URL      hookstream API base URL (default: HOOKSTREAM_BASE_URL or https://hookstream.io/v1)
  --reveal-secrets    write secret values into the \`pulumi config set --secret\` lines instead of placeholders
`;

export type CommandLine =
    | { kind: "discover"; baseUrl: string | undefined; revealSecrets: boolean }
    | { kind: "help" }
    | { kind: "error"; message: string };

/**
 * The command line, parsed by `node:util` parseArgs in strict mode: an unknown flag, or a flag missing its value
 * (`--base-url` last, or followed by another flag), is an error rather than a silent default.
 */
export function parseCommandLine(args: string[]): CommandLine {
    let parsed;
    try {
        parsed = parseArgs({
            args,
            allowPositionals: true,
            strict: true,
            options: {
                "base-url": { type: "string" },
                "reveal-secrets": { type: "boolean" },
                help: { type: "boolean", short: "h" },
            },
        });
    } catch (error) {
        return { kind: "error", message: (error as Error).message };
    }
    const { values, positionals } = parsed;
    if (values.help) return { kind: "help" };
    const [command, ...extra] = positionals;
    if (command === undefined) return { kind: "help" };
    if (command !== "discover") return { kind: "error", message: `unknown command: ${command}` };
    if (extra.length > 0) return { kind: "error", message: `unexpected argument: ${extra[0]}` };
    const baseUrl = values["base-url"];
    if (baseUrl !== undefined && baseUrl.trim() === "") {
        return { kind: "error", message: "--base-url needs a URL, such as https://hookstream.io/v1" };
    }
    return { kind: "discover", baseUrl, revealSecrets: values["reveal-secrets"] ?? false };
}
