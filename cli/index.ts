#!/usr/bin/env node
import { Transport } from "../provider/core/transport";
import { channelClient } from "../provider/notification-channel/endpoints";
import { listRules } from "../provider/alert-rule/endpoints";
import { resolveSettings } from "../provider/core/settings";
import { parseCommandLine, usage } from "./command-line";
import { renderProgram, unfinishedCreateNotes } from "./discover";
import { recover } from "./recover/command";

async function main(argv: string[]): Promise<number> {
    const commandLine = parseCommandLine(argv);
    if (commandLine.kind === "help") {
        process.stderr.write(usage);
        return 0;
    }
    if (commandLine.kind === "error") {
        process.stderr.write(`hookstream-pulumi: ${commandLine.message}\n\n${usage}`);
        return 2;
    }
    if (commandLine.kind === "recover") {
        const { kind: _kind, cwd, ...options } = commandLine;
        return recover({ ...options, cwd: cwd ?? process.cwd() }, (line) => process.stderr.write(`${line}\n`));
    }
    const { baseUrl, revealSecrets } = commandLine;
    // The key only from the environment: a key on the command line ends up in shell history and process lists.
    const settings = resolveSettings({ baseUrl });
    const api = new Transport(settings);
    process.stderr.write(`listing notification channels at ${settings.baseUrl} …\n`);
    const channels = await channelClient(api).listAll((count) =>
        process.stderr.write(`  ${count} channel(s) so far\n`),
    );
    process.stderr.write(`listing alert rules …\n`);
    const rules = await listRules(api, (count) => process.stderr.write(`  ${count} alert rule(s) so far\n`));
    for (const note of unfinishedCreateNotes([...channels, ...rules])) process.stderr.write(`${note}\n`);
    const program = renderProgram(channels, rules, { revealSecrets });
    process.stdout.write(program.code);
    process.stderr.write(
        `found ${channels.length} channel(s) and ${rules.length} alert rule(s)` +
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
