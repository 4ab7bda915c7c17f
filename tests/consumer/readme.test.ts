import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { createConsumerProject } from "../../scripts/packed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { formatDiagnostics, typecheck } from "./support/typecheck";

/** The README's TypeScript snippets are what users paste: each compiles against the packed package. */
describe("the README's TypeScript snippets", function () {
    this.timeout(10 * 60_000);
    const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
    const snippets = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);

    it("are there to check", function () {
        assert.ok(snippets.length >= 5, `only ${snippets.length} snippets found`);
    });

    it("each compile with tsc --noEmit in a `pulumi new typescript` project", function () {
        // One module per snippet, so each stands alone as it does in a user's index.ts.
        const files = Object.fromEntries(
            snippets.map((code, index) => [`snippet-${index}.ts`, `${code}\nexport {};\n`]),
        );
        const project = createConsumerProject({
            layout: "template",
            program: "export {};\n",
            files: {
                ...files,
                "tsconfig.snippets.json": JSON.stringify({ extends: "./tsconfig.json", files: Object.keys(files) }),
            },
        });
        const errors = typecheck(project, "tsconfig.snippets.json");
        assert.equal(formatDiagnostics(errors), "", `the README's snippets do not compile`);
    });
});
