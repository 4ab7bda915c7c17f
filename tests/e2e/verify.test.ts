import assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { exportStoredState, testStack } from "../support/pulumi";

/**
 * `verify: true` through the real CLI: a channel whose test notification fails fails `up`, stays in the stack and in
 * hookstream, and passes once its config is fixed. The emulator fails the test send of a host under `.invalid`.
 */

const program = path.join(__dirname, "programs", "alerting");
const project = "verify";
const apiKey = "hs_test_" + "b2".repeat(32);
const webhookSecret = "whsec-verify-never-in-state";
const unreachableUrl = "https://alerts.unreachable-receiver.invalid/hookstream";
const goodUrl = "https://alerts.example.com/hookstream";

const hook = (url: string) => ({
    hook: { channelType: "webhook", verify: true, config: { url, secret: "$secret:webhookSecret" } },
});

for (const shape of ["reference", "docs"] as const) {
    describe(`NotificationChannel verify through pulumi (${shape} response shape)`, function () {
        this.timeout(20 * 60_000);
        let emulator: Emulator;
        let stack: Stack;

        const testSends = () => emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/test"));

        before(async function () {
            emulator = await startEmulator({ apiKeys: { [apiKey]: project }, shape });
            ({ stack } = await testStack({ workDir: program, stackName: `verify-${shape}` }));
            await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
            await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
            await stack.setConfig("webhookSecret", { value: webhookSecret, secret: true });
            await stack.setConfig("channels", { value: JSON.stringify(hook(unreachableUrl)) });
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it("sends no test notification during preview", async function () {
            const preview = await stack.preview();
            assert.equal(preview.changeSummary.create, 3, "the stack, the channel and the finishing step");
            assert.deepEqual(emulator.requests, []);
        });

        it("fails up when the test notification is not delivered, keeping the channel in state and in hookstream", async function () {
            const error = await stack.up().then(
                () => assert.fail("up should fail"),
                (e: Error) => e,
            );
            assert.match(error.message, /did not deliver hookstream's test notification/);
            for (const secret of [unreachableUrl, "unreachable-receiver", webhookSecret, apiKey]) {
                assert.equal(error.message.includes(secret), false, `the error holds ${secret.slice(0, 12)}…`);
            }
            assert.equal(testSends().length, 1);

            const stored = emulator.channels(project);
            assert.equal(stored.length, 1);
            assert.equal(stored[0]!.config.url, unreachableUrl);
            const exported = await exportStoredState(stack);
            assert.match(exported, new RegExp(`"id": "${stored[0]!.id}"`));
            assert.equal(exported.includes(webhookSecret), false);
        });

        it("passes on the next up once the URL is fixed, sending one test notification", async function () {
            const id = emulator.channels(project)[0]!.id;
            emulator.resetRequests();
            await stack.preview();
            assert.deepEqual(testSends(), [], "preview sends no test notification");

            await stack.setConfig("channels", { value: JSON.stringify(hook(goodUrl)) });
            emulator.resetRequests();
            const result = await stack.up();
            assert.equal(result.summary.result, "succeeded");
            assert.deepEqual(
                testSends().map((r) => r.path),
                [`/v1/notification-channels/${id}/test`],
            );
            assert.deepEqual(
                emulator.channels(project).map((c) => [c.id, c.config.url]),
                [[id, goodUrl]],
            );
        });

        it("previews no change afterwards, and a no-change up sends no test notification", async function () {
            emulator.resetRequests();
            await stack.preview({ expectNoChanges: true });
            await stack.up();
            assert.deepEqual(testSends(), []);
            await stack.destroy();
            assert.deepEqual(emulator.channels(project), []);
        });
    });
}
