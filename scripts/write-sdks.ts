import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";

/**
 * `npm run sdk [-- <out-dir>]`: writes the Python, Node.js and Go SDKs of the committed schema.json into sdk/ (or
 * <out-dir>) with the pinned generator (scripts/sdk-gen.sh). The SDKs' names and `supportPack` are the schema's own
 * (native/schema.ts). sdk/ is generated: change the schema (`npm run schema`), never the files.
 */

export const repoRoot = path.resolve(__dirname, "..");

/** Writes the SDKs of the repository's schema.json into outDir (python/, nodejs/, go/). */
export async function writeSdks(outDir: string): Promise<void> {
    const schemaFile = path.join(repoRoot, "schema.json");
    await promisify(execFile)("bash", [path.join(repoRoot, "scripts", "sdk-gen.sh"), schemaFile, outDir], {
        maxBuffer: 16 << 20,
    });
}

if (require.main === module) {
    const outDir = path.resolve(process.argv[2] ?? path.join(repoRoot, "sdk"));
    writeSdks(outDir).then(
        () => console.log(`wrote ${path.relative(process.cwd(), outDir) || "."}/{python,nodejs,go}`),
        (error: Error & { stderr?: string }) => {
            console.error(error.stderr || error.message);
            process.exitCode = 1;
        },
    );
}
