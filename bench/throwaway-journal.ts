import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "../scripts/pulumi-toolchain";

/**
 * Points the create journal of every provider the benchmark runs (in this process, and in the host processes the CLI
 * starts, which inherit the environment) at a directory under .bench/, on the same disk as the home directory but not
 * in it, and removes it afterwards. A HOOKSTREAM_CREATE_JOURNAL set by the caller is kept.
 */
export function useThrowawayJournal(): { remove(): void } {
    const configured = process.env.HOOKSTREAM_CREATE_JOURNAL;
    if (configured !== undefined && configured !== "") return { remove() {} };
    fs.mkdirSync(path.join(repoRoot, ".bench"), { recursive: true });
    const dir = fs.mkdtempSync(path.join(repoRoot, ".bench", "create-journal-"));
    process.env.HOOKSTREAM_CREATE_JOURNAL = dir;
    return {
        remove() {
            delete process.env.HOOKSTREAM_CREATE_JOURNAL;
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}
