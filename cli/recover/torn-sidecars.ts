import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A kill can leave a file backend unreadable. Pulumi's file backend stores each blob through gocloud's fileblob,
 * which writes the blob's `<name>.attrs` sidecar in place (truncate, then write) before it renames the new blob into
 * place. A kill between the two leaves an empty sidecar beside an intact blob, and from then on every `pulumi` command
 * of that stack fails with "failed to load checkpoint: EOF". An empty sidecar holds nothing (a whole one is at least
 * `{}`), and fileblob reads a blob without one as it is: removing it is the whole repair.
 */

/**
 * The directory a `file://` backend URL stores its `.pulumi` folder in, read as Pulumi reads it (a leading `~` is the
 * home directory, a relative path is relative to the project, nothing is percent-decoded); undefined for any other
 * backend.
 */
export function fileBackendDir(url: string, cwd: string): string | undefined {
    if (!url.startsWith("file://")) return undefined;
    const location = url.slice("file://".length).split("?")[0]!;
    if (location === "~" || location.startsWith("~/")) return path.join(os.homedir(), location.slice(2));
    return path.resolve(cwd, location);
}

/** Every empty `.attrs` sidecar under the backend's `.pulumi` folder. */
export function tornSidecars(backendDir: string): string[] {
    const root = path.join(backendDir, ".pulumi");
    if (!fs.existsSync(root)) return [];
    return fs
        .readdirSync(root, { recursive: true, encoding: "utf8" })
        .filter((entry) => entry.endsWith(".attrs"))
        .map((entry) => path.join(root, entry))
        .filter((file) => fs.statSync(file).size === 0)
        .sort();
}
