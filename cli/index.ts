#!/usr/bin/env node
import { parseCommandLine, usage } from "./command-line";
import { discover } from "./discover-command";
import { migrate } from "./migrate/command";
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
    if (commandLine.kind === "migrate") {
        const { kind: _kind, cwd, ...options } = commandLine;
        return migrate({ ...options, cwd: cwd ?? process.cwd() }, (line) => process.stderr.write(`${line}\n`));
    }
    const { kind: _kind, cwd, ...options } = commandLine;
    const code = await discover({ ...options, cwd: cwd ?? process.cwd() }, (line) => process.stderr.write(`${line}\n`));
    process.stdout.write(code);
    return 0;
}

main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
        process.stderr.write(`hookstream-pulumi: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    },
);
