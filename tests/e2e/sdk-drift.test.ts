import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, writeSdks } from "../../scripts/write-sdks";
import { temporaryDir } from "../support/pulumi";

/** Every file under dir, by its path relative to dir, with its content. */
function filesUnder(dir: string): Map<string, string> {
    const files = new Map<string, string>();
    for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const full = path.join(entry.parentPath, entry.name);
        files.set(path.relative(dir, full), fs.readFileSync(full, "utf8"));
    }
    return files;
}

/** Files a build or an install writes into sdk/ and git ignores: not part of the generated SDK. */
const buildLeftovers = /(^|\/)(node_modules|bin|__pycache__|build|dist|[^/]*\.egg-info)\//;

/** sdk/ is what `npm run sdk` writes from the committed schema.json: regenerated here, it must match file for file. */
describe("the committed SDKs under sdk/", function () {
    this.timeout(5 * 60_000);
    let fresh: string;

    before(async function () {
        fresh = temporaryDir("hookstream-sdk-drift");
        await writeSdks(fresh);
    });

    after(function () {
        if (fresh) fs.rmSync(fresh, { recursive: true, force: true });
    });

    for (const language of ["python", "nodejs", "go"]) {
        it(`match what \`npm run sdk\` generates from schema.json for ${language}`, function () {
            const committed = filesUnder(path.join(repoRoot, "sdk", language));
            for (const name of committed.keys()) if (buildLeftovers.test(name)) committed.delete(name);
            const generated = filesUnder(path.join(fresh, language));
            const stale = [...committed.keys()].filter((name) => !generated.has(name));
            const missing = [...generated.keys()].filter((name) => !committed.has(name));
            const changed = [...generated.keys()].filter(
                (name) => committed.has(name) && committed.get(name) !== generated.get(name),
            );
            assert.deepEqual(
                { stale, missing, changed },
                { stale: [], missing: [], changed: [] },
                "sdk/ differs from the generated SDKs: run `npm run sdk` and commit the result",
            );
        });
    }
});
