import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

/**
 * `npm run sdk [-- <out-dir>]`: writes the Python, Node.js and Go SDKs of the committed schema.json into sdk/ (or
 * <out-dir>) with the pinned generator (scripts/sdk-gen.sh), after adding the generator settings below to the schema.
 * sdk/ is generated: change schema.json (`npm run schema`) or the settings here, never the files.
 */

export const repoRoot = path.resolve(__dirname, "..");

/**
 * What each generator needs to know beyond the resources: `supportPack` makes every SDK carry the schema's version
 * (so the engine asks for that plugin version) and gives the Go SDK a go.mod of its own in sdk/go; the names are the
 * ones this repository publishes under. The plugin's own schema.json does not carry them yet (native/schema.ts);
 * where schema.json has a key, it wins.
 */
export const generatorSettings = {
    meta: { supportPack: true },
    language: {
        go: { importBasePath: "github.com/pulumi-hookstream/pulumi-hookstream/sdk/go/hookstream" },
        nodejs: { packageName: "@pulumi-hookstream/hookstream" },
        python: { packageName: "pulumi_hookstream", pyproject: { enabled: true } },
    },
} as const;

/** schema.json with the generator settings it lacks. */
export function schemaForGenerators(schema: Record<string, unknown>): Record<string, unknown> {
    return {
        ...schema,
        meta: { ...generatorSettings.meta, ...(schema.meta as object | undefined) },
        language: { ...generatorSettings.language, ...(schema.language as object | undefined) },
    };
}

/** Writes the SDKs of the repository's schema.json into outDir (python/, nodejs/, go/). */
export async function writeSdks(outDir: string): Promise<void> {
    const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8")) as Record<string, unknown>;
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-sdk-schema-"));
    try {
        const schemaFile = path.join(scratch, "schema.json");
        fs.writeFileSync(schemaFile, JSON.stringify(schemaForGenerators(schema), null, 4));
        await promisify(execFile)("bash", [path.join(repoRoot, "scripts", "sdk-gen.sh"), schemaFile, outDir], {
            maxBuffer: 16 << 20,
        });
    } finally {
        fs.rmSync(scratch, { recursive: true, force: true });
    }
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
