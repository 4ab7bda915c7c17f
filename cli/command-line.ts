import { parseArgs } from "node:util";

export const usage = `usage: hookstream-pulumi discover [--stack NAME] [--cwd DIR] [--base-url URL] [--reveal-secrets]
       hookstream-pulumi recover [--stack NAME] [--cwd DIR] [--cancel] [--wait SECONDS] [--dry-run]
                                 [--clear-others]
                                 [--assign RESOURCE=ID]... [--discard RESOURCE]... [--base-url URL]
       hookstream-pulumi migrate [--stack NAME] [--cwd DIR] [--dry-run]

discover  Lists every notification channel and alert rule of a hookstream project and prints a TypeScript program
          that adopts each one, as a NotificationChannel or an AlertRule whose channelIds refer to the channels'
          variables. The project is the stack's (--stack) or HOOKSTREAM_API_KEY's. Progress goes to stderr, the
          code to stdout.

  --stack NAME        read the key and base URL from this stack's hookstream:apiKey and hookstream:baseUrl
                      (through the pulumi CLI, in --cwd or the current directory)
  --base-url URL      hookstream API base URL (default: the stack's hookstream:baseUrl, HOOKSTREAM_BASE_URL, or
                      https://hookstream.io/v1)
  --reveal-secrets    write secret values into the \`pulumi config set --secret\` lines instead of placeholders

recover   After a \`pulumi up\` was killed, records in the stack each channel and alert rule it created before it
          died, and drops the creates hookstream never carried out, so the next \`pulumi up\` neither duplicates nor
          orphans anything. Runs the \`pulumi\` CLI in the project (stack export/import); the API key comes from
          the stack's hookstream:apiKey or HOOKSTREAM_API_KEY. Exits 1 when a create needs a decision by hand.

  --stack NAME        the stack (default: the selected one)
  --cwd DIR           the Pulumi project directory (default: the current one)
  --cancel            first remove the lock the killed update left (\`pulumi cancel --yes\`); only when no other
                      update of this stack is running
  --wait SECONDS      before deciding that a create was never carried out, wait this long for requests the
                      killed update may still have had in flight, then look again (default 30; 0 when the
                      update died long ago)
  --dry-run           say what would be done, change nothing
  --clear-others      go on although the stack has pending creates of other providers' resources; writing
                      the stack back clears them (only when those were never created)
  --assign RES=ID     settle the pending create of resource RES (name or URN) with hookstream object ID
  --discard RES       drop the pending create of resource RES: the next \`up\` creates it

migrate   Moves every channel and alert rule of a stack from the dynamic provider (TypeScript's NotificationChannel
          and AlertRule classes) to the native \`hookstream\` provider, ids unchanged, by rewriting the stack
          (stack export/import): nothing is created, changed or deleted in hookstream. Then switch the program to
          the native types (hookstream:index:NotificationChannel, hookstream:index:AlertRule) before the next
          \`pulumi up\`. Refuses a stack with pending operations (see recover).

  --stack NAME        the stack (default: the selected one)
  --cwd DIR           the Pulumi project directory (default: the current one)
  --dry-run           say what would be moved, change nothing
`;

export type CommandLine =
    | {
          kind: "discover";
          baseUrl: string | undefined;
          revealSecrets: boolean;
          stack: string | undefined;
          cwd: string | undefined;
      }
    | {
          kind: "recover";
          stack: string | undefined;
          cwd: string | undefined;
          cancel: boolean;
          dryRun: boolean;
          clearOthers: boolean;
          waitSeconds: number;
          assign: Map<string, string>;
          discard: string[];
          baseUrl: string | undefined;
      }
    | { kind: "migrate"; stack: string | undefined; cwd: string | undefined; dryRun: boolean }
    | { kind: "help" }
    | { kind: "error"; message: string };

const commandOptions = {
    discover: ["base-url", "reveal-secrets", "stack", "cwd"],
    recover: ["stack", "cwd", "cancel", "wait", "dry-run", "clear-others", "assign", "discard", "base-url"],
    migrate: ["stack", "cwd", "dry-run"],
} as const;

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
                stack: { type: "string", short: "s" },
                cwd: { type: "string", short: "C" },
                cancel: { type: "boolean" },
                "dry-run": { type: "boolean" },
                "clear-others": { type: "boolean" },
                wait: { type: "string" },
                assign: { type: "string", multiple: true },
                discard: { type: "string", multiple: true },
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
    if (command !== "discover" && command !== "recover" && command !== "migrate")
        return { kind: "error", message: `unknown command: ${command}` };
    if (extra.length > 0) return { kind: "error", message: `unexpected argument: ${extra[0]}` };
    const allowed: readonly string[] = commandOptions[command];
    const foreign = Object.keys(values).find((option) => option !== "help" && !allowed.includes(option));
    if (foreign !== undefined) return { kind: "error", message: `--${foreign} is not an option of ${command}` };
    for (const option of ["base-url", "stack", "cwd"] as const) {
        const value = values[option];
        if (value !== undefined && value.trim() === "") {
            return {
                kind: "error",
                message: `--${option} needs a value${option === "base-url" ? ", such as https://hookstream.io/v1" : ""}`,
            };
        }
    }
    const baseUrl = values["base-url"];
    if (command === "discover") {
        const revealSecrets = values["reveal-secrets"] ?? false;
        return { kind: "discover", baseUrl, revealSecrets, stack: values.stack, cwd: values.cwd };
    }
    if (command === "migrate") {
        return { kind: "migrate", stack: values.stack, cwd: values.cwd, dryRun: values["dry-run"] ?? false };
    }

    const waitSeconds = values.wait === undefined ? 30 : Number(values.wait);
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0 || values.wait?.trim() === "") {
        return { kind: "error", message: `--wait takes a number of seconds, not ${values.wait}` };
    }
    const assign = new Map<string, string>();
    for (const pair of values.assign ?? []) {
        const match = /^([^=]+)=([^=]+)$/.exec(pair);
        if (!match) return { kind: "error", message: `--assign takes RESOURCE=ID, not ${pair}` };
        assign.set(match[1]!, match[2]!);
    }
    return {
        kind: "recover",
        stack: values.stack,
        cwd: values.cwd,
        cancel: values.cancel ?? false,
        dryRun: values["dry-run"] ?? false,
        clearOthers: values["clear-others"] ?? false,
        waitSeconds,
        assign,
        discard: values.discard ?? [],
        baseUrl,
    };
}
