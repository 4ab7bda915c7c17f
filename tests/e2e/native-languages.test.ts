import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { languagePrograms } from "../support/language-programs";
import { createLanguageStack, useLanguageRun, type LanguageStack } from "../support/language-stack";
import { exportStoredState } from "../support/pulumi";

/**
 * A program in each language Pulumi runs here (YAML, Python, Go, TypeScript through the generated Node.js SDK)
 * manages every channel type and a rule through the real CLI, the native plugin and one emulator, each language in a
 * hookstream project of its own. HOOKSTREAM_LANGUAGES=yaml,go runs some of them. Build first (`npm run build`): the
 * launcher runs dist/native.
 */

const channelType = "hookstream:index:NotificationChannel";
const ruleType = "hookstream:index:AlertRule";
const outputOnly = /^\s*- (orgId|envId|errorCount|lastError|lastSentAt|createdAt|updatedAt|verification)\b/m;
const chosen = process.env.HOOKSTREAM_LANGUAGES?.split(",");
const programs = languagePrograms.filter((p) => chosen === undefined || chosen.includes(p.language));

interface StoredResource {
    urn: string;
    type: string;
    id: string;
    outputs: Record<string, unknown>;
}

describe("programs in each language through the native plugin and the real CLI", function () {
    this.timeout(10 * 60_000);
    const apiKeys = Object.fromEntries(programs.map((p) => [`hs_test_${p.language.padEnd(64, "0")}`, p.language]));
    const run = useLanguageRun(apiKeys);

    for (const program of programs) {
        describe(`a ${program.language} program (plugin by ${program.route})`, function () {
            const project = program.language;
            const apiKey = Object.keys(apiKeys).find((key) => apiKeys[key] === project)!;
            const secrets = {
                hook: `whsec-${project}-never-in-state`,
                slackUrl: `https://hooks.slack.com/services/T000/B000/${project}-slack-token`,
                discordUrl: `https://discord.com/api/webhooks/1/${project}-discord-token`,
            };
            let running: LanguageStack;
            let stack: Stack;
            const pulumi = (...args: string[]) => running.pulumi(...args);

            async function storedTypeAndId(name: string): Promise<[string, string]> {
                const { type, id } = await stored(name);
                return [type, id];
            }

            async function stored(name: string): Promise<StoredResource> {
                const { resources } = (await stack.exportStack()).deployment as { resources: StoredResource[] };
                return resources.find((r) => r.urn.endsWith(`::${name}`))!;
            }

            async function assertNoSecretInState(): Promise<void> {
                const state = await exportStoredState(stack);
                for (const secret of [apiKey, ...Object.values(secrets), secrets.hook + "-2"]) {
                    assert.equal(state.includes(secret), false, `state holds a secret (${secret.slice(0, 16)}…)`);
                }
            }

            const writes = () => run.emulator.requests.filter((r) => r.method !== "GET");

            before(async function () {
                running = await createLanguageStack(program, program.source(), run.shared, project);
                stack = running.stack;
                await stack.setAllConfig({
                    "hookstream:apiKey": { value: apiKey, secret: true },
                    "hookstream:baseUrl": { value: run.emulator.url },
                    hook: { value: secrets.hook, secret: true },
                    chatType: { value: "slack" },
                    chatUrl: { value: secrets.slackUrl, secret: true },
                    discordUrl: { value: secrets.discordUrl, secret: true },
                });
            });

            after(async function () {
                await running?.remove();
            });

            it("previews four channels and a rule without writing to hookstream", async function () {
                run.emulator.resetRequests();
                const preview = await stack.preview();
                assert.deepEqual(preview.changeSummary, { create: 6 }); // five resources and the stack
                assert.deepEqual(writes(), []);
            });

            it("creates them, the rule routing to all four channels, with no secret in `pulumi stack export`", async function () {
                await stack.up();
                const channels = run.emulator.channels(project);
                assert.deepEqual(channels.map((c) => c.channel_type).sort(), ["discord", "email", "slack", "webhook"]);
                const [rule] = run.emulator.alertRules(project);
                assert.deepEqual(rule?.channel_ids.sort(), channels.map((c) => c.id).sort());
                assert.equal((await stored("ops")).type, channelType);
                await assertNoSecretInState();
            });

            it("previews no changes on a second run", async function () {
                const preview = await stack.preview({ expectNoChanges: true });
                assert.deepEqual(Object.keys(preview.changeSummary), ["same"]);
            });

            it("shows a rename made in the dashboard on refresh, and the next up restores the name", async function () {
                const ops = await stored("ops");
                run.emulator.updateChannel(ops.id, { name: "renamed-in-dashboard" });
                const refresh = await stack.refresh();
                assert.equal(refresh.summary.resourceChanges?.update, 1);
                assert.equal((await stored("ops")).outputs.name, "renamed-in-dashboard");
                await stack.up();
                assert.equal(run.emulator.channels(project).find((c) => c.id === ops.id)?.name, "ops");
            });

            it("marks config's secret in `pulumi preview --diff` when the webhook secret rotates", async function () {
                await stack.setConfig("hook", { value: secrets.hook + "-2", secret: true });
                const preview = await pulumi("preview", "--diff");
                assert.match(preview, /~ config: \{/);
                assert.match(preview, /~ secret\s*: \[secret\] => \[secret\]/);
                assert.match(preview, /1 to update/);
                await stack.up();
                const ops = run.emulator.channels(project).find((c) => c.name === "ops");
                assert.equal((ops?.config as { secret?: string }).secret, secrets.hook + "-2");
                await assertNoSecretInState();
            });

            it("previews a channel type change as a replacement listing no output-only field", async function () {
                await stack.setAllConfig({
                    chatType: { value: "discord" },
                    chatUrl: { value: secrets.discordUrl, secret: true },
                });
                const preview = await pulumi("preview", "--diff");
                assert.match(preview, /\+-.*NotificationChannel.*replace/);
                assert.match(preview, /channelType\s*: "slack" => "discord"/);
                assert.doesNotMatch(preview, outputOnly);
                await stack.setAllConfig({
                    chatType: { value: "slack" },
                    chatUrl: { value: secrets.slackUrl, secret: true },
                });
            });

            const generatesCode = program.adoptGeneratedCode !== undefined;
            it(`imports a channel and a rule made in the dashboard with \`pulumi import\`, writing nothing${generatesCode ? ", into code that previews clean" : ""}`, async function () {
                const pager = run.emulator.createChannel(project, {
                    name: "pager",
                    channel_type: "email",
                    config: { recipients: ["pager@example.com"] },
                });
                const escalation = run.emulator.createAlertRule(project, {
                    name: "escalation",
                    rule_type: "dlq",
                    rule_config: { threshold: 5 },
                    channel_ids: [pager.id],
                });
                run.emulator.resetRequests();
                for (const [type, made] of [
                    [channelType, pager],
                    [ruleType, escalation],
                ] as const) {
                    const code = path.join(running.dir, `${made.name}.code`);
                    const output = generatesCode ? ["--out", code] : ["--generate-code=false"];
                    await pulumi("import", type, made.name, made.id, "--yes", "--protect=false", ...output);
                    assert.deepEqual(await storedTypeAndId(made.name), [type, made.id]);
                    if (generatesCode) program.adoptGeneratedCode!(running.dir, fs.readFileSync(code, "utf8"));
                }
                assert.deepEqual(writes(), []);
                if (!generatesCode) await stack.setConfig("pager", { value: "true" });
                await stack.preview({ expectNoChanges: true });
            });

            it("destroys everything, leaving the project empty in hookstream", async function () {
                await stack.destroy();
                assert.deepEqual(run.emulator.channels(project), []);
                assert.deepEqual(run.emulator.alertRules(project), []);
            });
        });
    }
});
