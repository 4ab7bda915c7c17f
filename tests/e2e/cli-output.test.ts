import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";
import type { LocalWorkspace, Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { pulumiBinDir, testStack } from "../support/pulumi";

/**
 * What a user reads: the real CLI's output, run as a user types the command (not through the Automation API, which
 * adds flags), for the failures and warnings the engine prints from the provider (issue 21).
 */

const program = path.join(__dirname, "programs", "channels");
const keys = { prod: "hs_test_" + "p".repeat(64), dev: "hs_test_" + "q".repeat(64) };
const discordUrl = "https://discord.com/api/webhooks/123456789012345678/cli-output-discord-token";
const badUrl = "not a url";
const fourChannels = {
    ops: { channelType: "webhook", config: { url: "https://ops.example.com/alerts" } },
    team: { channelType: "webhook", config: { url: "https://team.example.com/alerts" } },
    mail: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
    lead: { channelType: "email", config: { recipients: ["lead@example.com"] } },
};

/** `pulumi <args>` for the stack, with everything it printed (stdout and stderr, as a terminal shows them). */
async function pulumi(stack: Stack, args: string[], env: Record<string, string> = {}) {
    const workspace = stack.workspace as LocalWorkspace;
    const bin = path.join(await pulumiBinDir(), "pulumi");
    return new Promise<{ code: number | null; output: string }>((resolve, reject) => {
        const child = spawn(bin, [...args, "--stack", stack.name], {
            cwd: workspace.workDir,
            env: { ...process.env, ...workspace.envVars, ...env },
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, output }));
    });
}

function count(text: string, fragment: string): number {
    return text.split(fragment).length - 1;
}

/** The output before `Diagnostics:`, where the display shows each resource's row, and the summary after it. */
function sections(output: string): { inline: string; diagnostics: string } {
    const [inline = "", diagnostics = ""] = output.split("\nDiagnostics:\n");
    return { inline, diagnostics };
}

describe("what the CLI prints from the provider", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    let stack: Stack;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [keys.prod]: "prod", [keys.dev]: "dev" } });
        emulator.createChannel("dev", {
            name: "dev-only",
            channel_type: "email",
            config: { recipients: ["d@example.com"] },
        });
        ({ stack } = await testStack({ workDir: program, stackName: "cli-output" }));
        await stack.setConfig("hookstream:apiKey", { value: keys.prod, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("discordUrl", { value: discordUrl, secret: true });
        await stack.setConfig("channels", { value: JSON.stringify(fourChannels) });
        await stack.up();
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    it("prints the wrong-project refusal only where the engine reports each resource, with no stack trace (issue 21)", async function () {
        await stack.setConfig("hookstream:apiKey", { value: keys.dev, secret: true });
        emulator.resetRequests();
        const { code, output } = await pulumi(stack, ["refresh", "--run-program", "--yes"]);
        await stack.setConfig("hookstream:apiKey", { value: keys.prod, secret: true });

        assert.notEqual(code, 0);
        // Every copy is one the engine prints for the resource: its row, or its block under Diagnostics. (The engine
        // itself sometimes reports a failed refresh step twice, with and without "Preview failed:".)
        const copies = output.split("\n").filter((line) => line.includes("belongs to hookstream project"));
        for (const line of copies) {
            assert.match(
                line,
                /^( ~ {2}pulumi-nodejs:dynamic\/hookstream:NotificationChannel \w+ refreshing | {4})error: /,
            );
        }
        const blocks = sections(output).diagnostics.split("\n\n");
        for (const name of Object.keys(fourChannels)) {
            const block = blocks.find((b) => b.includes(`NotificationChannel (${name}):`)) ?? "";
            assert.ok(block.includes(`error: Preview failed: channel "${name}" (`), `${name}\n${output}`);
        }
        assert.ok(
            blocks.filter((b) => b.includes("pulumi:pulumi:Stack")).every((b) => !b.includes("belongs to")),
            "the host's stderr copy is under the stack",
        );
        assert.doesNotMatch(output, /^\s+at /m, "a stack frame");
        assert.doesNotMatch(output, /WrongProjectError/, "the host's stderr copy");
        // The key's project is learned once for all four resources, from a one-item list (core/project-guard.ts).
        const samples = emulator.requests.filter(
            (r) => r.method === "GET" && r.path === "/v1/notification-channels" && r.query.limit === "1",
        );
        assert.equal(samples.length, 1);
    });

    it("prints every check failure of a resource with its argument path, and no value (issue 21)", async function () {
        const bad = { channelType: "webhook", name: " ", config: { url: badUrl, extra: 1 } };
        await stack.setConfig("channels", { value: JSON.stringify({ ...fourChannels, bad }) });
        emulator.resetRequests();
        const { code, output } = await pulumi(stack, ["preview"]);
        await stack.setConfig("channels", { value: JSON.stringify(fourChannels) });

        assert.notEqual(code, 0);
        const { inline, diagnostics } = sections(output);
        const problem = "pulumi-nodejs:dynamic/hookstream:NotificationChannel resource 'bad' has a problem: ";
        for (const reason of [
            "config.url is not an absolute URL (it contains a space or a control character)",
            "config.extra is not a known argument",
            "name must not be blank (only spaces)",
        ]) {
            assert.equal(count(inline, problem + reason), 1, `${reason} inline\n${output}`);
            assert.equal(count(diagnostics, problem + reason), 1, `${reason} under Diagnostics\n${output}`);
        }
        assert.doesNotMatch(output, /value \{/, "the engine printed a value");
        assert.equal(output.includes(badUrl), false);
        assert.deepEqual(emulator.requests, []);
    });

    it("warns under a slack channel whose URL is a Discord webhook, naming the host alone (issue 21)", async function () {
        const chat = { channelType: "slack", config: { url: "$secret:discordUrl" } };
        await stack.setConfig("channels", { value: JSON.stringify({ ...fourChannels, chat }) });
        const { code, output } = await pulumi(stack, ["preview"]);
        await stack.setConfig("channels", { value: JSON.stringify(fourChannels) });

        assert.equal(code, 0, output);
        const warning =
            'warning: config.url is on discord.com, a Discord webhook host, but channelType is "slack". Declare ' +
            'channelType "discord"';
        // The engine's display repeats a resource's row, message included, as its step moves on.
        const { inline, diagnostics } = sections(output);
        assert.ok(count(inline, warning) >= 1, output);
        assert.equal(count(diagnostics, warning), 1, output);
        assert.match(diagnostics, /NotificationChannel \(chat\):\n\s+warning: config\.url is on discord\.com/);
        assert.equal(output.includes("cli-output-discord-token"), false, "the URL's token");
    });

    it("prints HOOKSTREAM_DEBUG lines in the command's output, each with a request_id field", async function () {
        await stack.setConfig("channels", {
            value: JSON.stringify({ ...fourChannels, ops: { ...fourChannels.ops, name: "ops renamed" } }),
        });
        const { code, output } = await pulumi(stack, ["up", "--yes", "--skip-preview"], { HOOKSTREAM_DEBUG: "1" });

        assert.equal(code, 0, output);
        const lines = output.split("\n").filter((line) => /^\s+hookstream: [A-Z]+ \//.test(line));
        assert.ok(lines.length > 0, output);
        for (const line of lines) {
            assert.match(line, / -> \d{3} \d+ms request_id=\S+ key=hs_test_\[redacted\]$/);
        }
        assert.ok(lines.some((line) => /PATCH \/v1\/notification-channels\/\w+ -> 200 /.test(line)));
        // Written to the provider's stderr, which the engine shows under the stack, as the README says; the stack's
        // other messages (an undefined output's warning) may come first.
        const { diagnostics } = sections(output);
        const underStack = /pulumi:pulumi:Stack \([^)]+\):\n((?: {4}.*\n|\n)*)/.exec(diagnostics)?.[1] ?? "";
        assert.match(underStack, /^\s+hookstream: [A-Z]+ \//m, diagnostics);
        assert.equal(output.includes(keys.prod), false);
    });

    it("explains under the resource a name that still carries a create's marker, and the up that follows clears it", async function () {
        await stack.setConfig("channels", { value: JSON.stringify(fourChannels) });
        await stack.up();
        const [mail] = emulator.channels("prod").filter((c) => c.name === "mail");
        assert.ok(mail, "the mail channel exists");
        // What a finishing step that never ran leaves, as a refresh then sees it.
        emulator.updateChannel(mail.id, { name: "mail [creating 0123456789abcdef]" });
        const refreshed = await pulumi(stack, ["refresh", "--yes", "--skip-preview"]);
        assert.equal(refreshed.code, 0, refreshed.output);

        const { code, output } = await pulumi(stack, ["preview"]);
        assert.equal(code, 0, output);
        const warning = 'warning: hookstream holds this channel as "mail [creating 0123456789abcdef]": the step that';
        assert.equal(count(sections(output).diagnostics, warning), 1, output);
        assert.match(sections(output).diagnostics, /NotificationChannel \(mail\):\n\s+warning: hookstream holds/);

        const up = await pulumi(stack, ["up", "--yes", "--skip-preview"]);
        assert.equal(up.code, 0, up.output);
        assert.equal(emulator.channels("prod").find((c) => c.id === mail.id)?.name, "mail");
    });
});
