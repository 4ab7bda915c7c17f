import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { repoRoot } from "../support/provider-host";
import { testStack } from "../support/pulumi";

/**
 * Every example runs through the real CLI against the emulator, so none can rot. Each is copied into a scratch
 * folder inside this package (stack config files are written next to Pulumi.yaml; the copy keeps the tree clean
 * and still resolves `pulumi-hookstream` to this package).
 */

const scratchRoot = path.join(repoRoot, ".tmp");

function copyExample(name: string): string {
    fs.mkdirSync(scratchRoot, { recursive: true });
    const target = fs.mkdtempSync(path.join(scratchRoot, `${name}-`));
    fs.cpSync(path.join(repoRoot, "examples", name), target, { recursive: true });
    return target;
}

async function configure(stack: Stack, apiKey: string, emulator: Emulator, secrets: Record<string, string>) {
    await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
    await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
    for (const [key, value] of Object.entries(secrets)) await stack.setConfig(key, { value, secret: true });
}

describe("examples", function () {
    this.timeout(20 * 60_000);
    const keys = {
        dev: "hs_test_" + "1".repeat(64),
        staging: "hs_test_" + "2".repeat(64),
        prod: "hs_test_" + "3".repeat(64),
    };
    let emulator: Emulator;
    const stacks: Stack[] = [];

    before(async function () {
        emulator = await startEmulator({
            apiKeys: { [keys.dev]: "dev", [keys.staging]: "staging", [keys.prod]: "prod" },
        });
    });

    after(async function () {
        for (const stack of stacks)
            await stack.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
        fs.rmSync(scratchRoot, { recursive: true, force: true });
    });

    it("quickstart: previews one channel of each type", async function () {
        const { stack } = await testStack({ workDir: copyExample("quickstart"), stackName: "quickstart" });
        stacks.push(stack);
        await configure(stack, keys.dev, emulator, {
            opsSigningSecret: "s",
            slackWebhookUrl: "https://hooks.slack.com/services/T/B/q",
            discordWebhookUrl: "https://discord.com/api/webhooks/1/q",
        });
        emulator.resetRequests();
        const preview = await stack.preview();
        assert.equal(preview.changeSummary.create, 5);
        assert.equal(emulator.requests.length, 0, "preview makes no API call");
    });

    it("multi-environment: each stack manages only its own project's channels", async function () {
        const workDir = copyExample("multi-environment");
        const secrets = { alertSigningSecret: "sign", slackWebhookUrl: "https://hooks.slack.com/services/T/B/env" };
        const { stack: staging, backendDir } = await testStack({ workDir, stackName: "staging" });
        const { stack: prod } = await testStack({ workDir, stackName: "prod", backendDir });
        const { stack: dev } = await testStack({ workDir, stackName: "dev", backendDir });
        stacks.push(staging, prod, dev);
        await configure(staging, keys.staging, emulator, secrets);
        await configure(prod, keys.prod, emulator, secrets);
        await configure(dev, keys.dev, emulator, { alertSigningSecret: "sign" });

        assert.equal((await dev.preview()).changeSummary.create, 2, "dev: stack + webhook");
        await staging.up();
        await prod.up();
        assert.deepEqual(
            emulator
                .channels("staging")
                .map((c) => c.channel_type)
                .sort(),
            ["email", "slack", "webhook"],
        );
        assert.deepEqual(
            emulator
                .channels("prod")
                .map((c) => c.channel_type)
                .sort(),
            ["email", "slack", "webhook"],
        );
        assert.equal(emulator.channels("prod").find((c) => c.channel_type === "email")?.enabled, true);
        assert.equal(emulator.channels("staging").find((c) => c.channel_type === "email")?.enabled, false);
        assert.deepEqual(
            emulator.channels("prod").find((c) => c.channel_type === "webhook")?.config.url,
            "https://alerts.example.com/hookstream",
        );

        await staging.preview({ expectNoChanges: true });
        await staging.destroy();
        assert.deepEqual(emulator.channels("staging"), []);
        assert.equal(emulator.channels("prod").length, 3, "destroying staging leaves prod alone");
        await prod.preview({ expectNoChanges: true });
        await prod.destroy();
    });

    it("gitops: previews channels.json, and its workflow previews, applies and checks drift", async function () {
        const { stack } = await testStack({ workDir: copyExample("gitops"), stackName: "gitops" });
        stacks.push(stack);
        await configure(stack, keys.dev, emulator, { slackWebhookUrl: "https://hooks.slack.com/services/T/B/g" });
        const preview = await stack.preview();
        assert.equal(preview.changeSummary.create, 4, "stack + 2 channels from channels.json + Slack");

        const yaml = require("js-yaml") as { load(text: string): unknown };
        const workflow = yaml.load(
            fs.readFileSync(
                path.join(repoRoot, "examples", "gitops", ".github", "workflows", "hookstream-channels.yml"),
                "utf8",
            ),
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
