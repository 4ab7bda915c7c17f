import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { testStack, temporaryDir } from "../support/pulumi";
import { serializedProvider } from "../support/provider-text";

/**
 * A user who puts the webhook secret and the Slack and Discord URLs in stack config as plain strings still gets them
 * kept secret: NotificationChannel marks them, the provider never prints them, and its errors redact them. Every
 * text a run leaves behind is collected (engine output, engine events, verbose engine and provider logs, a trace,
 * the exported state, the errors of failed runs, `__provider`) and searched for every credential and its token part.
 */

const program = path.join(__dirname, "..", "e2e", "programs", "channels");
const apiKey = "hs_test_" + "5ec2e7".padEnd(64, "9");
const webhookSecret = "whsec-plain-config-6a1f93";
const rotatedSecret = "whsec-rotated-config-0c77d2";
const slackToken = "plainSlackToken7Qx93Lm";
const slackUrl = `https://hooks.slack.com/services/T0PLAIN/B0PLAIN/${slackToken}`;
const discordToken = "plain-discord-token-Vb81kq";
const discordUrl = `https://discord.com/api/webhooks/918273645/${discordToken}`;
const credentials = {
    "API key": apiKey,
    "webhook secret": webhookSecret,
    "rotated webhook secret": rotatedSecret,
    "Slack URL": slackUrl,
    "Slack token": slackToken,
    "Discord URL": discordUrl,
    "Discord token": discordToken,
    // What tests/support/provider-text.ts passes as a webhook secret when it serializes a NotificationChannel.
    "probe webhook secret": "probe-secret-value",
};

const fourChannels = {
    ops: { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: webhookSecret } },
    slack: { channelType: "slack", config: { url: slackUrl } },
    discord: { channelType: "discord", config: { url: discordUrl } },
    mail: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
};

describe("credentials given as plain config never surface (real Pulumi CLI)", function () {
    this.timeout(5 * 60_000);
    let emulator: Emulator;
    let stack: Stack;
    const texts: Array<{ source: string; text: string }> = [];
    const traceDir = temporaryDir("hookstream-trace");

    function capture(source: string) {
        let text = "";
        texts.push({ source, text: "" });
        const entry = texts[texts.length - 1]!;
        return {
            onOutput: (out: string) => (entry.text = text += out),
            onEvent: (event: EngineEvent) => (entry.text = text += JSON.stringify(event) + "\n"),
        };
    }

    function record(source: string, text: string) {
        texts.push({ source, text });
    }

    async function setChannels(channels: object) {
        // Plain, on purpose: the user forgot `--secret`.
        await stack.setConfig("channels", { value: JSON.stringify(channels), secret: false });
    }

    async function failingUp(source: string): Promise<void> {
        const error = await stack.up(capture(source)).then(
            () => assert.fail(`${source} should fail`),
            (e: Error) => e,
        );
        record(`${source} (error)`, String(error));
    }

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: "secrets" } });
        ({ stack } = await testStack({ workDir: program, stackName: "reliability-secrets" }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await setChannels(fourChannels);
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
        fs.rmSync(traceDir, { recursive: true, force: true });
    });

    it("creates the channels, with the credentials in hookstream and encrypted in state", async function () {
        const up = await stack.up(capture("up"));
        record("up stdout+stderr", up.stdout + up.stderr);
        assert.equal(up.summary.resourceChanges?.create, 5);
        const stored = emulator.channels("secrets");
        assert.equal(stored.find((c) => c.channel_type === "slack")?.config.url, slackUrl);
        assert.equal(stored.find((c) => c.channel_type === "webhook")?.config.secret, webhookSecret);

        const exported = JSON.stringify(await stack.exportStack());
        record("stack export", exported);
        assert.match(exported, /"ciphertext"/);
        const resources = (await stack.exportStack()).deployment.resources as Array<{ type: string; inputs: Bag }>;
        for (const resource of resources.filter((r) => r.type.endsWith(":NotificationChannel"))) {
            record(`__provider in state (${resource.type})`, String(resource.inputs.__provider));
        }
    });

    it("refreshes", async function () {
        const refresh = await stack.refresh(capture("refresh"));
        record("refresh stdout+stderr", refresh.stdout + refresh.stderr);
        assert.equal(refresh.summary.result, "succeeded");
    });

    it("previews a change with --diff", async function () {
        await setChannels({
            ...fourChannels,
            ops: { ...fourChannels.ops, config: { ...fourChannels.ops.config, url: "https://ops.example.com/v2" } },
            slack: { ...fourChannels.slack, name: "Ops Slack" },
        });
        const preview = await stack.preview({ diff: true, ...capture("preview --diff") });
        record("preview --diff stdout+stderr", preview.stdout + preview.stderr);
        assert.equal(preview.changeSummary.update, 2);
        assert.match(preview.stdout, /\[secret\]/);
    });

    it("applies it with verbose engine and provider logs and a trace", async function () {
        const traceFile = path.join(traceDir, "up.trace");
        const up = await stack.up({
            ...capture("up -v=9 --logflow --debug"),
            logToStdErr: true,
            logVerbosity: 9,
            logFlow: true,
            debug: true,
            tracing: `file:${traceFile}`,
        });
        record("verbose up stdout", up.stdout);
        record("verbose up stderr", up.stderr);
        assert.equal(up.summary.resourceChanges?.update, 2);
        assert.ok(up.stderr.length > 100_000, "verbose logs were not captured");
        assert.match(up.stderr, /hookstream|NotificationChannel/, "the provider's part is in the logs");
        if (fs.existsSync(traceFile)) record("trace", fs.readFileSync(traceFile).toString("latin1"));
    });

    it("fails an update whose error echoes the new secret, without showing it", async function () {
        await setChannels({
            ...fourChannels,
            ops: { ...fourChannels.ops, config: { ...fourChannels.ops.config, secret: rotatedSecret } },
        });
        emulator.inject({
            method: "PATCH",
            action: {
                type: "status",
                status: 400,
                body: {
                    error: `Invalid body: 'config.secret' ${rotatedSecret} is weak`,
                    status: 400,
                    request_id: "req_s1",
                },
            },
        });
        await failingUp("failing update");
        assert.match(texts.at(-1)!.text, /failed with 400.*req_s1/);
    });

    it("destroys", async function () {
        const destroy = await stack.destroy(capture("destroy"));
        record("destroy stdout+stderr", destroy.stdout + destroy.stderr);
        assert.deepEqual(emulator.channels("secrets"), []);
    });

    it("fails creates whose errors echo the API key and the URLs sent, without showing them", async function () {
        await setChannels({ slack: fourChannels.slack, discord: fourChannels.discord });
        emulator.inject({
            method: "POST",
            times: 2,
            action: {
                type: "status",
                status: 401,
                body: { error: `Invalid API key ${apiKey}`, status: 401, request_id: "req_s2" },
            },
        });
        await failingUp("failing create (401)");
        assert.match(texts.at(-1)!.text, /failed with 401/);
        emulator.inject({ method: "POST", times: 2, action: { type: "status", status: 500 } });
        await failingUp("failing create (500)");
        assert.deepEqual(emulator.channels("secrets"), []);
    });

    it("leaves no credential in any of it, nor in __provider", async function () {
        record("__provider", (await serializedProvider()).text);
        const hits = texts.flatMap(({ source, text }) =>
            Object.entries(credentials)
                .filter(([, value]) => text.includes(value))
                .map(([what]) => `${what} in ${source}`),
        );
        require("node:fs").mkdirSync("/tmp/sdump", { recursive: true });
        texts.forEach((t, i) => require("node:fs").writeFileSync(`/tmp/sdump/${i}-${t.source.replace(/\W+/g, "_")}.txt`, t.text));
        const bytes = texts.reduce((sum, { text }) => sum + text.length, 0);
        console.log(`      secrets scan: ${texts.length} texts, ${bytes} characters, ${hits.length} hits`);
        assert.ok(texts.length >= 15);
        assert.deepEqual(hits, []);
    });
});

type Bag = Record<string, unknown>;
