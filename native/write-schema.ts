import * as fs from "node:fs";
import * as path from "node:path";
import { buildSchema } from "./schema";

/** Where the generated schema lives: the repository root, beside package.json, and in the plugin tarball. */
export const schemaPath = path.resolve(__dirname, "..", "schema.json");

/** The schema as committed: two-space JSON and a final newline, so that prettier leaves it alone. */
export function schemaText(): string {
    return JSON.stringify(buildSchema(), null, 2) + "\n";
}

if (require.main === module) {
    fs.writeFileSync(schemaPath, schemaText());
    console.log(`wrote ${path.relative(process.cwd(), schemaPath)}`);
}
