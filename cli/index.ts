#!/usr/bin/env node
import { Transport } from "../provider/core/transport";
import { channelClient } from "../provider/notification-channel/endpoints";
import { resolveSettings } from "../provider/core/settings";
import { renderProgram } from "./discover";

const usage = `usage: hookstream-pulumi discover [--base-url URL] [--reveal-secrets]

Lists every notification channel of the hookstream project behind HOOKSTREAM_API_KEY and prints a TypeScript
program fragment that adopts each one as a NotificationChannel. Progress goes to stderr, the code to stdout.

  --base-url URL      hookstream API base URL (default: HOOKSTREAM_BASE_URL or https://hookstream.io/v1)
  --reveal-secrets    write secret values into the \`pulumi config set --secret\` lines instead of placeholders
`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command !== "discover" || rest.includes("--help") || rest.includes("-h")) {
        process.stderr.write(usage);
        return command === undefined || command === "--help" || command === "-h" ? 0 : 2;
    }
    let baseUrl: string | undefined;
    let revealSecrets = false;
    for (let i = 0; i < rest.length; i++) {
        const arg = rest[i];
        if (arg === "--base-url") baseUrl = rest[++i];
        else if (arg?.startsWith("--base-url=")) baseUrl = arg.slice("--base-url=".length);
        else if (arg === "--reveal-secrets") revealSecrets = true;
        else {
            process.stderr.write(`unknown argument: ${arg}\n\n${usage}`);
            return 2;
        }
    }
    // The key only from the environment: a key on the command line ends up in shell history and process lists.
    const settings = resolveSettings({ baseUrl });
    const client = channelClient(new Transport(settings));
    process.stderr.write(`listing notification channels at ${settings.baseUrl} …\n`);
    const channels = await client.listAll((count) => process.stderr.write(`  ${count} channel(s) so far\n`));
    const program = renderProgram(channels, { revealSecrets });
    process.stdout.write(program.code);
    process.stderr.write(
        `found ${channels.length} channel(s)` +
            (program.secrets.length > 0 ? `; set ${program.secrets.length} secret(s) as listed at the top` : "") +
            "\n",
    );
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`hookstream-pulumi: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
