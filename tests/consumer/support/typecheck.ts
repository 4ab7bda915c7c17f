import { spawnSync } from "node:child_process";
import * as path from "node:path";

/** One compiler error, its follow-up lines (the elaboration) joined into `message`. */
export interface Diagnostic {
    /** Relative to the project, with forward slashes. */
    file: string;
    code: string;
    message: string;
}

/**
 * `tsc --noEmit` in a consumer project with its own TypeScript, as the user runs it. Returns every error; an empty
 * list means it compiled.
 */
export function typecheck(project: string, tsconfig = "tsconfig.json"): Diagnostic[] {
    const tsc = path.join(project, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", tsconfig], {
        cwd: project,
        encoding: "utf8",
        timeout: 5 * 60_000,
    });
    if (result.error) throw result.error;
    const diagnostics = parseDiagnostics(result.stdout);
    if (result.status !== 0 && diagnostics.length === 0) {
        throw new Error(`tsc exited with ${result.status} and no diagnostics:\n${result.stdout}${result.stderr}`);
    }
    return diagnostics;
}

/** `file(line,col): error TS1234: message`, followed by indented lines that elaborate it. */
function parseDiagnostics(output: string): Diagnostic[] {
    const diagnostics: Diagnostic[] = [];
    for (const line of output.split("\n")) {
        const head = /^(.+?)\(\d+,\d+\): error (TS\d+): (.*)$/.exec(line) ?? /^error (TS\d+): (.*)$/.exec(line);
        if (head?.length === 4)
            diagnostics.push({ file: head[1]!.replace(/\\/g, "/"), code: head[2]!, message: head[3]! });
        else if (head?.length === 3) diagnostics.push({ file: "", code: head[1]!, message: head[2]! });
        else if (line.trim() !== "" && diagnostics.length > 0)
            diagnostics[diagnostics.length - 1]!.message += `\n${line}`;
    }
    return diagnostics;
}

/** Diagnostics one per line, for an assertion message. */
export function formatDiagnostics(diagnostics: Diagnostic[]): string {
    return diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`).join("\n");
}
