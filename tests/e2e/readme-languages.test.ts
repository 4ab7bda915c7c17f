import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { languagePrograms } from "../support/language-programs";
import { createLanguageStack, useLanguageRun, type LanguageStack } from "../support/language-stack";
import { repoRoot } from "../support/provider-host";

/**
 * The README's first program in each language of the native provider, as a user pastes it: it runs through the real
 * CLI against the emulator, making the webhook channel and the rule it declares, and destroys them again.
 */

const readme = fs.readFileSync(path.join(repoRoot, "README.md"), "utf8");
const section = /^## Every Pulumi language: the native provider\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
/** The fence each language's program is in (the TypeScript one is not `ts`: tests/consumer compiles those). */
const fences: Record<string, string> = { yaml: "yaml", python: "python", go: "go", typescript: "typescript" };
const signingSecret = "whsec-readme-never-in-state";

/** The README section's code block in the given fence that declares a NotificationChannel. */
function programIn(fence: string): string | undefined {
    const blocks = [...section.matchAll(new RegExp("^```" + fence + "\\n([\\s\\S]*?)^```", "gm"))];
    return blocks.map((match) => match[1]!).find((code) => /NotificationChannel/.test(code));
}

describe("the README's first program in each language", function () {
    this.timeout(10 * 60_000);
    const apiKeys = Object.fromEntries(languagePrograms.map((p) => [`hs_test_readme_${p.language}`, p.language]));
    const run = useLanguageRun(apiKeys);

    for (const program of languagePrograms) {
        const project = program.language;
        it(`runs the ${project} program: a webhook channel with the secret from config, and a rule routing to it`, async function () {
            const source = programIn(fences[project]!);
            assert.ok(source, `the README has no ${project} program`);
            let running: LanguageStack | undefined;
            try {
                running = await createLanguageStack(program, source, run.shared, project);
                const apiKey = Object.keys(apiKeys).find((key) => apiKeys[key] === project)!;
                await running.stack.setAllConfig({
                    "hookstream:apiKey": { value: apiKey, secret: true },
                    "hookstream:baseUrl": { value: run.emulator.url },
                    opsSigningSecret: { value: signingSecret, secret: true },
                });
                const { outputs } = await running.stack.up();
                const [ops] = run.emulator.channels(project);
                assert.deepEqual(
                    [ops?.name, ops?.channel_type, (ops?.config as { secret?: string }).secret],
                    ["ops", "webhook", signingSecret],
                );
                assert.deepEqual(
                    run.emulator.alertRules(project).map((r) => [r.name, r.rule_type, r.channel_ids]),
                    [["failures", "failure_rate", [ops!.id]]],
                );
                assert.equal(outputs.opsChannelId?.value, ops!.id);
                await running.stack.destroy();
                assert.deepEqual(run.emulator.channels(project), []);
            } finally {
                await running?.remove();
            }
        });
    }
});
