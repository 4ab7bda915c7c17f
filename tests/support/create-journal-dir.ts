import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Loaded by .mocharc.json before any test: every create the tests make (in this process, the provider hosts it
 * spawns and the Pulumi CLI with its plugins, which all inherit this environment) notes itself in a throwaway create
 * journal, never in the home directory (provider/core/create-journal.ts). A run that sets HOOKSTREAM_CREATE_JOURNAL
 * itself keeps its own choice.
 */
const configured = process.env.HOOKSTREAM_CREATE_JOURNAL;
const ownDir =
    configured === undefined || configured === ""
        ? fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-create-journal-"))
        : undefined;
if (ownDir !== undefined) process.env.HOOKSTREAM_CREATE_JOURNAL = ownDir;

export const mochaHooks = {
    afterAll(): void {
        if (ownDir !== undefined) fs.rmSync(ownDir, { recursive: true, force: true });
    },
};
