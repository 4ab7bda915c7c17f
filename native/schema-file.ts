import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The committed schema.json, at the package root (beside package.json, in the repository and in the plugin tarball).
 * GetSchema serves this file rather than building the schema again: the plugin then needs neither the generator nor
 * its sources, and what users get is exactly what the drift test checked.
 */
export function readSchemaText(): string {
    cached ??= fs.readFileSync(path.join(packageRoot(), "schema.json"), "utf8");
    return cached;
}

let cached: string | undefined;

export function packageRoot(): string {
    return path.dirname(require.resolve("pulumi-hookstream/package.json"));
}
