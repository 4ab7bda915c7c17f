import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { copyConsumerProject } from "../../scripts/packed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { consumerStack, emulatorConfig } from "./support/consumer-stack";
import { formatDiagnostics, typecheck } from "./support/typecheck";

/**
 * Every example is a project a user copies out: each is copied outside this tree, its `pulumi-hookstream`
 * dependency pointed at the packed tarball, installed, typechecked with its own tsconfig, and run through the real
 * CLI against the emulator. Its README gives the commands, so the README is checked against the program too.
 */

const examplesDir = path.join(repoRoot, "examples");
const keys = {
    dev: "hs_test_" + "1".repeat(64),
    staging: "hs_test_" + "2".repeat(64),
    prod: "hs_test_" + "3".repeat(64),
};

function secretConfig(values: Record<string, string>) {
    return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, secret: true }]));
}

describe("examples, copied out of this tree and installed from the packed tarball", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    const stacks: Stack[] = [];

    before(async function () {
        emulator = await startEmulator({
            apiKeys: { [keys.dev]: "dev", [keys.staging]: "staging", [keys.prod]: "prod" },
        });
    });

    afterEach(function () {
        emulator.reset();
    });

    after(async function () {
        for (const stack of stacks) {
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        }
        await emulator?.close();
    });

    for (const name of fs.readdirSync(examplesDir)) {
        describe(`${name}: a standalone project`, function () {
            const dir = path.join(examplesDir, name);
            const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");

            it("depends on pulumi-hookstream ^0.1.0, @pulumi/pulumi and TypeScript 5.9", function () {
                const manifest = JSON.parse(read("package.json")) as {
                    dependencies: Record<string, string>;
                    devDependencies: Record<string, string>;
                };
                assert.equal(manifest.dependencies["pulumi-hookstream"], "^0.1.0");
                assert.ok(manifest.dependencies["@pulumi/pulumi"]);
                assert.equal(manifest.devDependencies.typescript, "~5.9");
                assert.ok(manifest.devDependencies["@types/node"]);
            });

            it("has a README that installs, sets every secret the program requires, previews and updates", function () {
                const readme = read("README.md");
                for (const command of [
                    "npm install",
                    "pulumi config set --secret hookstream:apiKey",
                    "pulumi preview",
                    "pulumi up",
                ]) {
                    assert.ok(readme.includes(command), `README.md lacks \`${command}\``);
                }
                for (const [, key] of read("index.ts").matchAll(/(?:requireSecret|getSecret)\("([^"]+)"\)/g)) {
                    assert.ok(readme.includes(`pulumi config set --secret ${key}`), `README.md does not set ${key}`);
                }
            });
        });
    }

    describe("quickstart", function () {
        let project: string;
        let stack: Stack;

        before(async function () {
            project = copyConsumerProject(path.join(examplesDir, "quickstart"));
            ({ stack } = await consumerStack(project, {
                stackName: "quickstart",
                config: {
                    ...emulatorConfig(emulator, keys.dev),
                    ...secretConfig({
                        opsSigningSecret: "s",
                        slackWebhookUrl: "https://hooks.slack.com/services/T/B/q",
                        discordWebhookUrl: "https://discord.com/api/webhooks/1/q",
                    }),
                },
            }));
            stacks.push(stack);
        });

        it("typechecks with its own tsconfig", function () {
            const errors = typecheck(project);
            assert.equal(formatDiagnostics(errors), "", `tsc --noEmit reported ${errors.length} errors`);
        });

        it("previews, creates and destroys one channel of each type", async function () {
            const preview = await stack.preview();
            assert.equal(preview.changeSummary.create, 6, "the stack, 4 channels and the program's finishing step");
            assert.deepEqual(emulator.requests, [], "preview makes no API call");
            await stack.up();
            assert.deepEqual(
                emulator
                    .channels("dev")
                    .map((c) => c.channel_type)
                    .sort(),
                ["discord", "email", "slack", "webhook"],
            );
            await stack.destroy();
            assert.deepEqual(emulator.channels("dev"), []);
        });
    });

    describe("alerting", function () {
        let project: string;

        before(function () {
            project = copyConsumerProject(path.join(examplesDir, "alerting"));
        });

        it("typechecks with its own tsconfig", function () {
            const errors = typecheck(project);
            assert.equal(formatDiagnostics(errors), "", `tsc --noEmit reported ${errors.length} errors`);
        });

        it("routes each stack's rules to its channels, previews no change after up, and destroys rules first", async function () {
            const secrets = secretConfig({ incidentSigningSecret: "sign" });
            const { stack: dev, backendDir } = await consumerStack(project, {
                stackName: "dev",
                config: { ...emulatorConfig(emulator, keys.dev), ...secrets },
            });
            const { stack: prod } = await consumerStack(project, {
                stackName: "prod",
                backendDir,
                config: { ...emulatorConfig(emulator, keys.prod), ...secrets },
            });
            stacks.push(dev, prod);
            await dev.up();
            await prod.up();
            const rulesOf = (env: string) =>
                emulator
                    .alertRules(env)
                    .map((rule) => `${rule.rule_type}→${rule.channel_ids.length}`)
                    .sort();
            // Pulumi.dev.yaml: two rules to the webhook; Pulumi.prod.yaml: three, two of them also to email.
            assert.deepEqual(rulesOf("dev"), ["dlq→1", "failure_rate→1"]);
            assert.deepEqual(rulesOf("prod"), ["dlq→2", "failure_rate→2", "latency→1"]);
            await prod.preview({ expectNoChanges: true });
            await dev.destroy();
            await prod.destroy();
            assert.equal(emulator.alertRules().length + emulator.channels().length, 0);
            assert.deepEqual(emulator.danglingReferences(), []);
        });
    });

    describe("multi-environment", function () {
        let project: string;

        before(function () {
            project = copyConsumerProject(path.join(examplesDir, "multi-environment"));
        });

        it("typechecks with its own tsconfig", function () {
            const errors = typecheck(project);
            assert.equal(formatDiagnostics(errors), "", `tsc --noEmit reported ${errors.length} errors`);
        });

        it("manages in each stack only its own project's channels", async function () {
            const secrets = secretConfig({
                alertSigningSecret: "sign",
                slackWebhookUrl: "https://hooks.slack.com/services/T/B/env",
            });
            const { stack: staging, backendDir } = await consumerStack(project, {
                stackName: "staging",
                config: { ...emulatorConfig(emulator, keys.staging), ...secrets },
            });
            const { stack: prod } = await consumerStack(project, {
                stackName: "prod",
                backendDir,
                config: { ...emulatorConfig(emulator, keys.prod), ...secrets },
            });
            const { stack: dev } = await consumerStack(project, {
                stackName: "dev",
                backendDir,
                config: { ...emulatorConfig(emulator, keys.dev), ...secretConfig({ alertSigningSecret: "sign" }) },
            });
            stacks.push(staging, prod, dev);

            assert.equal((await dev.preview()).changeSummary.create, 3, "dev: stack + webhook + the finishing step");
            await staging.up();
            await prod.up();
            const types = (project: string) =>
                emulator
                    .channels(project)
                    .map((c) => c.channel_type)
                    .sort();
            assert.deepEqual(types("staging"), ["email", "slack", "webhook"]);
            assert.deepEqual(types("prod"), ["email", "slack", "webhook"]);
            assert.equal(emulator.channels("prod").find((c) => c.channel_type === "email")?.enabled, true);
            assert.equal(emulator.channels("staging").find((c) => c.channel_type === "email")?.enabled, false);
            assert.equal(
                emulator.channels("prod").find((c) => c.channel_type === "webhook")?.config.url,
                "https://alerts.example.com/hookstream",
            );

            await staging.preview({ expectNoChanges: true });
            await staging.destroy();
            assert.deepEqual(emulator.channels("staging"), []);
            assert.equal(emulator.channels("prod").length, 3, "destroying staging leaves prod alone");
            await prod.destroy();
            assert.deepEqual(emulator.channels("prod"), []);
        });
    });

    describe("gitops", function () {
        let project: string;
        let stack: Stack;

        before(async function () {
            project = copyConsumerProject(path.join(examplesDir, "gitops"));
            ({ stack } = await consumerStack(project, {
                stackName: "gitops",
                config: {
                    ...emulatorConfig(emulator, keys.dev),
                    ...secretConfig({ slackWebhookUrl: "https://hooks.slack.com/services/T/B/g" }),
                },
            }));
            stacks.push(stack);
        });

        it("typechecks with its own tsconfig", function () {
            const errors = typecheck(project);
            assert.equal(formatDiagnostics(errors), "", `tsc --noEmit reported ${errors.length} errors`);
        });

        it("creates the channels of channels.json and the Slack channel, then destroys them", async function () {
            const preview = await stack.preview();
            assert.equal(
                preview.changeSummary.create,
                5,
                "stack + 2 channels from channels.json + Slack + the finishing step",
            );
            await stack.up();
            assert.deepEqual(
                emulator
                    .channels("dev")
                    .map((c) => c.name)
                    .sort(),
                ["Ops webhook", "oncall-email", "ops-slack"],
            );
            await stack.destroy();
            assert.deepEqual(emulator.channels("dev"), []);
        });

        it("has a workflow that previews pull requests, applies main and checks drift nightly", function () {
            const yaml = require("js-yaml") as { load(text: string): unknown };
            const workflow = yaml.load(
                fs.readFileSync(path.join(project, ".github", "workflows", "hookstream-channels.yml"), "utf8"),
            ) as { on: Record<string, unknown>; jobs: Record<string, { steps: { if?: string; run?: string }[] }> };
            assert.ok(workflow.on.pull_request && workflow.on.push && workflow.on.schedule);
            const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
            const runOn = (event: string) =>
                steps
                    .filter((s) => s.if?.includes(`'${event}'`))
                    .map((s) => s.run ?? "")
                    .join("\n");
            assert.match(runOn("pull_request"), /pulumi preview --diff/);
            assert.match(runOn("push"), /pulumi up --yes/);
            assert.match(runOn("schedule"), /pulumi refresh --yes[\s\S]*pulumi preview --expect-no-changes/);
        });
    });
});
