import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { repoRoot } from "../support/provider-host";
import { testStack } from "../support/pulumi";

/** The program a plain `pulumi up` runs in this source tree (Pulumi.yaml, index.ts), so it cannot rot. */
describe("the root program", function () {
    this.timeout(10 * 60_000);
    const apiKey = "hs_test_" + "7".repeat(64);
    let emulator: Emulator;
    let stack: Stack;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "root" } });
        ({ stack } = await testStack({ workDir: repoRoot, stackName: "root-program" }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        fs.rmSync(path.join(repoRoot, "Pulumi.root-program.yaml"), { force: true });
        await emulator?.close();
    });

    it("creates a channel and a rule that alerts it, previews no change, and destroys both", async function () {
        const result = await stack.up();
        const [channel] = emulator.channels("root");
        const [rule] = emulator.alertRules("root");
        assert.equal(result.outputs.channelId?.value, channel?.id);
        assert.deepEqual(rule?.channel_ids, [channel?.id]);
        const preview = await stack.preview();
        assert.deepEqual(
            Object.keys(preview.changeSummary).filter((op) => op !== "same"),
            [],
        );
        await stack.destroy();
        assert.equal(emulator.channels("root").length + emulator.alertRules("root").length, 0);
        assert.deepEqual(emulator.danglingReferences(), []);
    });
});
