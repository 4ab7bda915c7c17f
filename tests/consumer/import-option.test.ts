import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { createConsumerProject } from "../../scripts/packed-project";
import { repoRoot } from "../../scripts/pulumi-toolchain";
import { consumerStack } from "./support/consumer-stack";

/**
 * The `import` resource option, what every Pulumi user tries first. The engine sends dynamic providers no code on
 * import (pulumi/pulumi#16175); NotificationChannel turns the option into an adoption, through the real CLI.
 */

/** The end-to-end suite's config-driven program, run from a project that installed the packed tarball. */
const programText = () =>
    fs.readFileSync(path.join(repoRoot, "tests", "e2e", "programs", "channels", "index.ts"), "utf8");
const apiKey = "hs_test_" + "c".repeat(64);

describe("the import resource option", function () {
    this.timeout(20 * 60_000);
    let emulator: Emulator;
    let stack: Stack;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "imports" } });
        ({ stack } = await consumerStack(createConsumerProject({ layout: "template", program: programText() }), {
            stackName: "import-option",
        }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    it("takes an existing channel over with no POST, then previews no change once the option is dropped", async function () {
        const existing = emulator.createChannel("imports", {
            name: "ops",
            channel_type: "webhook",
            config: { url: "https://ops.example.com/alerts" },
        });
        const declared = { channelType: "webhook", config: { url: "https://ops.example.com/alerts" } };
        await stack.setConfig("channels", { value: JSON.stringify({ ops: { ...declared, import: existing.id } }) });

        const before = emulator.requests.length;
        const result = await stack.up();
        assert.equal(result.summary.result, "succeeded");
        const sent = emulator.requests.slice(before).map((r) => r.method);
        assert.deepEqual(
            sent.filter((m) => m !== "GET"),
            [],
            "an adoption of a channel that already matches sends no write",
        );
        assert.deepEqual(
            emulator.channels("imports").map((c) => c.id),
            [existing.id],
        );
        assert.equal((result.outputs.ids!.value as Record<string, string>).ops, existing.id);

        await stack.setConfig("channels", { value: JSON.stringify({ ops: declared }) });
        const preview = await stack.preview();
        assert.deepEqual(
            Object.entries(preview.changeSummary).filter(([op]) => op !== "same"),
            [],
            "dropping the option previews no change",
        );
    });

    it("fails clearly when the id names no channel of the key's project", async function () {
        await stack.setConfig("channels", {
            value: JSON.stringify({
                ghost: { channelType: "email", config: { recipients: ["a@example.com"] }, import: "nc_missing" },
            }),
        });
        const error = await stack.up().then(
            () => undefined,
            (e: Error) => e,
        );
        assert.match(error?.message ?? "", /cannot adopt channel nc_missing: hookstream has no such channel/);
        assert.equal(emulator.channels("imports").length, 1, "nothing was created");
    });
});
