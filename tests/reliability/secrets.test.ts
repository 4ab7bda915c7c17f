import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { hostPrograms, type DeclaredChannel } from "../e2e/host-programs";
import { assertBuilt } from "../support/native-host";
import { testStack } from "../support/pulumi";
import { serializedProvider } from "../support/provider-text";
import { hostNames, hostTitles } from "../support/resource-host";

/**
 * A program that hands NotificationChannel the webhook secret and the Slack and Discord URLs as plain strings (read
 * with `requireObject`, so nothing marks them secret on the way) still gets them kept secret, through either host
 * (tests/e2e/host-programs.ts): the resource class or the native plugin marks them, the provider never prints them,
 * and its errors redact them. Every text a run leaves behind is collected (engine
 * output and events, the verbose engine and provider logs, the state file at rest, the errors of failed runs,
 * `__provider`) and searched for every credential and its token part.
 *
 * Two things are outside the provider's reach and are set aside here, each counted and printed:
 * - The stack config itself must be stored with `--secret`. The engine hands the whole stack config to the
 *   `pulumi-nodejs` provider and records it as that provider's inputs in state (pulumi-dynamic-providers.md §1.3), so a
 *   credential in plain config is in plain state whatever this package does.
 * - With debug logging on, @pulumi/pulumi's own `log.debug("RegisterResource RPC finished: … resp: …")`
 *   (runtime/resource.js) prints every resource's outputs, secret ones in plaintext; those log lines are dropped.
 * `tracing` is not used: a trace holds the engine's gRPC payloads, and a dynamic provider receives plaintext.
 */
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
} satisfies Record<string, DeclaredChannel>;

/** The change previewed and applied: the webhook's URL and the Slack channel's name. */
const changedChannels = {
    ...fourChannels,
    ops: { ...fourChannels.ops, config: { ...fourChannels.ops.config, url: "https://ops.example.com/v2" } },
    slack: { ...fourChannels.slack, name: "Ops Slack" },
};

/**
 * What a run shows differs per host; what must never show does not. The dynamic host diffs the whole config, the
 * webhook secret masked, and every bag it logs carries `__provider`; the native plugin's detailed diff lists only the
 * changed field, and its messages are smaller. The dynamic host also creates the program's finishing step.
 */
const shown = {
    dynamic: { preview: /\[secret\]/, verboseLogAtLeast: 100_000, finishingSteps: 1 },
    native: {
        finishingSteps: 0,
        preview: /~ url: "https:\/\/ops\.example\.com\/alerts" => "https:\/\/ops\.example\.com\/v2"/,
        verboseLogAtLeast: 50_000,
    },
};

for (const host of hostNames)
    describe(`credentials a program passes as plain strings never surface, through ${hostTitles[host]} (real Pulumi CLI)`, function () {
        this.timeout(5 * 60_000);
        const program = hostPrograms[host];
        let emulator: Emulator;
        let stack: Stack;
        let backendDir: string;
        const texts: Array<{ source: string; text: string }> = [];
        let upstreamDebugLines = 0;

        function capture(source: string) {
            let text = "";
            texts.push({ source, text: "" });
            const entry = texts[texts.length - 1]!;
            return {
                onOutput: (out: string) => (entry.text = text += out),
                onEvent: (event: EngineEvent) => {
                    if (isUpstreamDebugEcho(event.diagnosticEvent?.message ?? "")) upstreamDebugLines += 1;
                    else entry.text = text += JSON.stringify(event) + "\n";
                },
            };
        }

        function record(source: string, text: string) {
            texts.push({ source, text });
        }

        async function setChannels(channels: Record<string, DeclaredChannel>) {
            // Encrypted in the stack config, but the program reads it with `requireObject`: plain strings reach the resource.
            await program.declare(stack, channels, {}, true);
        }

        async function failingUp(source: string): Promise<void> {
            const error = await stack.up(capture(source)).then(
                () => assert.fail(`${source} should fail`),
                (e: Error) => e,
            );
            record(`${source} (error)`, String(error));
        }

        before(async function () {
            if (host === "native") assertBuilt();
            emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: "secrets" } });
            ({ stack, backendDir } = await testStack({
                workDir: program.workDir,
                stackName: `reliability-secrets-${host}`,
            }));
            await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
            await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
            await setChannels(fourChannels);
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it("creates the channels, with the credentials in hookstream and encrypted in state", async function () {
            const up = await stack.up(capture("up"));
            record("up stdout+stderr", up.stdout + up.stderr);
            assert.equal(up.summary.resourceChanges?.create, 4 + shown[host].finishingSteps + 1, "and the stack");
            const stored = emulator.channels("secrets");
            assert.equal(stored.find((c) => c.channel_type === "slack")?.config.url, slackUrl);
            assert.equal(stored.find((c) => c.channel_type === "webhook")?.config.secret, webhookSecret);

            // `stack.exportStack()` runs `pulumi stack export --show-secrets`; what is at rest is the backend's file.
            const stateText = fs.readFileSync(stateFile(backendDir, stack.name), "utf8");
            record("state file", stateText);
            assert.match(stateText, /"ciphertext"/);
            const state = JSON.parse(stateText) as {
                checkpoint: { latest: { resources: Array<{ type: string; inputs: Bag }> } };
            };
            const channelResources = state.checkpoint.latest.resources.filter((r) =>
                r.type.endsWith(":NotificationChannel"),
            );
            assert.equal(channelResources.length, 4);
            // A native resource has no `__provider`: the plugin, not the state, holds its code.
            for (const resource of channelResources.filter((r) => "__provider" in r.inputs)) {
                record(`__provider in state (${resource.type})`, String(resource.inputs.__provider));
            }
        });

        it("refreshes", async function () {
            const refresh = await stack.refresh(capture("refresh"));
            record("refresh stdout+stderr", refresh.stdout + refresh.stderr);
            assert.equal(refresh.summary.result, "succeeded");
        });

        it("previews a change with --diff", async function () {
            await setChannels(changedChannels);
            const preview = await stack.preview({ diff: true, ...capture("preview --diff") });
            record("preview --diff stdout+stderr", preview.stdout + preview.stderr);
            assert.equal(preview.changeSummary.update, 2);
            assert.match(preview.stdout, shown[host].preview);
        });

        it("applies it with verbose engine and provider logs", async function () {
            // The provider's own log: one line per HTTP exchange (provider.ts, HOOKSTREAM_DEBUG).
            stack.workspace.envVars.HOOKSTREAM_DEBUG = "1";
            const up = await stack
                .up({
                    ...capture("up -v=9 --logflow --logtostderr"),
                    logToStdErr: true,
                    logVerbosity: 9,
                    logFlow: true,
                })
                .finally(() => delete stack.workspace.envVars.HOOKSTREAM_DEBUG);
            record("verbose up stdout", up.stdout);
            const logLines = up.stderr.split("\n");
            const kept = logLines.filter((line) => !isUpstreamDebugEcho(line));
            upstreamDebugLines += logLines.length - kept.length;
            record("verbose up stderr", kept.join("\n"));
            assert.equal(up.summary.resourceChanges?.update, 2);
            assert.ok(up.stderr.length > shown[host].verboseLogAtLeast, "verbose logs were not captured");
            assert.ok(up.stderr.includes(program.tokens.channel), "the engine's log names the resources");
            assert.match(up.stderr, /hookstream: PATCH \/v1\/notification-channels\/\S+ -> 200/, "the provider's log");
        });

        it("fails an update whose error echoes the new secret, without showing it", async function () {
            // Only the secret changes, so the one PATCH is the ops channel's and carries the value the server echoes.
            await setChannels({
                ...changedChannels,
                ops: { ...changedChannels.ops, config: { ...changedChannels.ops.config, secret: rotatedSecret } },
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
            emulator.resetRequests();
            await failingUp("failing update");
            assert.match(texts.at(-1)!.text, /failed with 400.*req_s1/);
            assert.equal(emulator.requests.filter((r) => r.method === "PATCH").length, 1);
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
            if (host === "dynamic") record("__provider", (await serializedProvider()).text);
            const hits = texts.flatMap(({ source, text }) =>
                Object.entries(credentials)
                    .filter(([, value]) => text.includes(value))
                    .map(([what]) => `${what} in ${source}`),
            );
            const bytes = texts.reduce((sum, { text }) => sum + text.length, 0);
            console.log(
                `      secrets scan, ${host} host: ${texts.length} texts, ${bytes} characters, ${hits.length} hits ` +
                    `(${upstreamDebugLines} @pulumi/pulumi RegisterResource debug lines set aside)`,
            );
            assert.ok(texts.length >= 15);
            assert.deepEqual(hits, []);
        });
    });

type Bag = Record<string, unknown>;

/** @pulumi/pulumi's debug line that prints a resource's outputs, secrets included (runtime/resource.js). */
function isUpstreamDebugEcho(text: string): boolean {
    return text.includes("RegisterResource RPC finished");
}

/** The file backend's checkpoint of a stack: `<backend>/.pulumi/stacks/<project>/<stack>.json`. */
function stateFile(backendDir: string, stackName: string): string {
    const stacks = path.join(backendDir, ".pulumi", "stacks");
    for (const project of fs.readdirSync(stacks)) {
        const candidate = path.join(stacks, project, `${stackName}.json`);
        if (fs.existsSync(candidate)) return candidate;
    }
    throw new Error(`no state file for ${stackName} under ${stacks}`);
}
