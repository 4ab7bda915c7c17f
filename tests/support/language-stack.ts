import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { createSharedBuild, pluginsEntry, type LanguageProgram, type SharedBuild } from "./language-programs";
import { assertBuilt } from "./native-host";
import { repoRoot } from "./provider-host";
import { pulumiBinDir, temporaryDir, testStack } from "./pulumi";

const run = promisify(execFile);
const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };

/** A program of one language in a throwaway directory, with a stack on a throwaway file backend. */
export interface LanguageStack {
    dir: string;
    stack: Stack;
    /** The `pulumi` CLI in the program's directory on its stack; resolves to stdout. */
    pulumi: (...args: string[]) => Promise<string>;
    /** Removes the stack, the program and the backend. */
    remove: () => Promise<void>;
}

/**
 * Writes the program around source, makes its stack and gets it ready to run: the plugin installed from the
 * tarball when that is the program's route (into the backend's own PULUMI_HOME), the language's dependencies
 * prepared.
 */
export async function createLanguageStack(
    program: LanguageProgram,
    source: string,
    shared: SharedBuild,
    stackName: string,
): Promise<LanguageStack> {
    const dir = temporaryDir(`hookstream-${program.language}-program`);
    const extraEnv = (await program.env?.(shared)) ?? {};
    await program.write(dir, source, program.route === "plugins entry" ? pluginsEntry : "", shared);
    const { stack, backendDir } = await testStack({ workDir: dir, stackName, env: extraEnv });
    const env = { ...process.env, ...(stack.workspace as LocalWorkspace).envVars };
    const bin = path.join(await pulumiBinDir(), "pulumi");
    if (program.route === "plugin install") {
        const tarball = shared.pluginTarball();
        await run(bin, ["plugin", "install", "resource", "hookstream", version, "--file", tarball], { env });
    }
    await program.prepare?.(dir, env);
    return {
        dir,
        stack,
        pulumi: async (...args) => {
            const options = { cwd: dir, env, maxBuffer: 64 << 20 };
            return (await run(bin, [...args, "--stack", stackName], options)).stdout;
        },
        remove: async () => {
            await stack.workspace.removeStack(stackName, { force: true }).catch(() => undefined);
            for (const removed of [dir, backendDir]) fs.rmSync(removed, { recursive: true, force: true });
        },
    };
}

/** What a suite of language programs shares, set up by `useLanguageRun` in the suite's hooks. */
export interface LanguageRun {
    emulator: Emulator;
    shared: SharedBuild;
}

/**
 * Registers the hooks of a suite running programs in several languages: before it, one emulator holding the given
 * keys (key → project) and one SharedBuild (after checking that the plugin is built); after it, both gone.
 */
export function useLanguageRun(apiKeys: Record<string, string>): LanguageRun {
    const languageRun = {} as LanguageRun;
    before(async function () {
        assertBuilt();
        languageRun.shared = createSharedBuild();
        languageRun.emulator = await startEmulator({ apiKeys });
    });
    after(async function () {
        await languageRun.emulator?.close();
        if (languageRun.shared) fs.rmSync(languageRun.shared.workDir, { recursive: true, force: true });
    });
    return languageRun;
}
