import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { copyConsumerProject } from "./packed-project";
import { localStack, pulumiBinDir, repoRoot, temporaryDir } from "./pulumi-toolchain";

/** Narrates each step, then lets the engine speak for itself. */
function step(title: string): void {
    process.stdout.write(`\n\x1b[1m== ${title}\x1b[0m\n`);
}

async function main(): Promise<void> {
    const apiKey = "hs_test_" + "d".repeat(64);
    step("Starting a local hookstream emulator (stands in for https://hookstream.io/v1)");
    const emulator = await startEmulator({ apiKeys: { [apiKey]: "demo" } });
    console.log(`emulator: ${emulator.url}`);

    step("Finding or building the Pulumi CLI (the first run on a fresh machine builds it, later runs reuse it)");
    console.log(`pulumi: ${await pulumiBinDir()}`);

    step("Installing the packed package into a copy of examples/quickstart, as a user installs it");
    const project = copyConsumerProject(path.join(repoRoot, "examples", "quickstart"));
    console.log(`project: ${project}`);

    const backendDir = temporaryDir("hookstream-demo-backend");
    const { stack } = await localStack({ workDir: project, stackName: "demo", backendDir });
    const print = (text: string) => process.stdout.write(text);
    try {
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("opsSigningSecret", { value: "demo-signing-secret", secret: true });
        await stack.setConfig("slackWebhookUrl", {
            value: "https://hooks.slack.com/services/TDEMO/BDEMO/demo",
            secret: true,
        });
        await stack.setConfig("discordWebhookUrl", { value: "https://discord.com/api/webhooks/1/demo", secret: true });

        step("pulumi preview: what would be created");
        await stack.preview({ onOutput: print, diff: true });

        step("pulumi up: create one channel of each type");
        const up = await stack.up({ onOutput: print });
        console.log(`\nchannel ids: ${JSON.stringify(up.outputs.channelIds?.value)}`);
        console.log(`channels in hookstream: ${emulator.channels("demo").length}`);

        step("pulumi preview again: nothing changed, so nothing to do");
        await stack.preview({ onOutput: print, expectNoChanges: true });

        step("Someone renames and disables the Slack channel in the dashboard");
        const slack = emulator.channels("demo").find((c) => c.channel_type === "slack")!;
        emulator.updateChannel(slack.id, { name: "renamed by hand", enabled: false });
        console.log(`hookstream now says: name="renamed by hand", enabled=false`);

        step("pulumi refresh: the drift is read back into state");
        await stack.refresh({ onOutput: print });

        step("pulumi preview --diff: the program puts it back on the next up");
        await stack.preview({ onOutput: print, diff: true });

        step("pulumi destroy: every channel is deleted");
        await stack.destroy({ onOutput: print });
        console.log(`channels in hookstream: ${emulator.channels("demo").length}`);
    } finally {
        await stack.workspace.removeStack("demo", { force: true }).catch(() => undefined);
        fs.rmSync(project, { recursive: true, force: true });
        fs.rmSync(backendDir, { recursive: true, force: true });
        await emulator.close();
    }
    step("Done: preview, up, no-change preview, drift and refresh, destroy");
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
