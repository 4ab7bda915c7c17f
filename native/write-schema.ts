import * as fs from "node:fs";
import * as path from "node:path";
import { buildSchema } from "./schema";
import { packageRoot } from "./schema-file";

/** Where the generated schema lives: the repository root, beside package.json, and in the plugin tarball. */
export const schemaPath = path.join(packageRoot(), "schema.json");

/** The schema as committed: formatted as the repository's prettier config formats JSON, so `npm run check` agrees. */
export async function schemaText(): Promise<string> {
    // Loaded here only: prettier is a development tool, and the plugin never regenerates its schema.
    const prettier = await import("prettier");
    const options = await prettier.resolveConfig(schemaPath);
    return prettier.format(JSON.stringify(buildSchema()), { ...options, filepath: schemaPath });
}

if (require.main === module) {
    void schemaText().then((text) => {
        fs.writeFileSync(schemaPath, text);
        console.log(`wrote ${path.relative(process.cwd(), schemaPath)}`);
    });
}
