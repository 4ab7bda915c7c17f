import assert from "node:assert/strict";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { testStack } from "../support/pulumi";

/**
 * 300 channels in one `pulumi up` with 64 resource operations in flight, against a limit of 50 requests a second:
 * most of the first burst is refused with 429, and every refused POST must wait and go again (a 429 means hookstream
 * did nothing) until all 300 exist, once each. Only behaviour is asserted; the request count and the pace are
 * printed for comparison with the minimum (a POST and its finishing PATCH per channel: 600 requests, 600 / 50 = 12 s).
 */

const program = path.join(__dirname, "..", "e2e", "programs", "channels");
const apiKey = "hs_test_" + "5".repeat(64);
const project = "storm";
const total = 300;
const limit = { limit: 50, windowMs: 1_000 };

const declared = Object.fromEntries(
    Array.from({ length: total }, (_, i) => [
        `storm-${String(i).padStart(3, "0")}`,
        { channelType: "webhook", config: { url: `https://ops.example.com/storm/${i}` } },
    ]),
);

describe(`a rate-limit storm through the Pulumi CLI (${total} channels, limit ${limit.limit}/s, parallel 64)`, function () {
    this.timeout(5 * 60_000);
    let emulator: Emulator;
    let stack: Stack;

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: project }, rateLimit: limit });
        ({ stack } = await testStack({
            workDir: program,
            stackName: "reliability-storm",
            // The file backend rewrites the whole state after every step; at 300 resources that, not hookstream,
            // paces the run (about 7 operations a second), and the limit would never be reached.
            env: { PULUMI_SKIP_CHECKPOINTS: "true" },
        }));
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        await stack.setConfig("channels", { value: JSON.stringify(declared) });
    });

    after(async function () {
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    function report(step: string, method: string, minimum: number, started: number) {
        const elapsed = (performance.now() - started) / 1_000;
        const sent = emulator.requests.filter((r) => r.method === method);
        const refused = sent.filter((r) => r.status === 429).length;
        console.log(
            `      ${step}: ${emulator.requests.length} requests (${sent.length} ${method}, ${refused} answered 429) ` +
                `for a minimum of ${minimum}; ${elapsed.toFixed(1)} s for a pace of ${minimum / limit.limit} s`,
        );
    }

    it(`creates all ${total} channels with no failed operation and no duplicate`, async function () {
        emulator.resetRequests();
        const started = performance.now();
        const result = await stack.up({ parallel: 64 });
        report("up", "POST", 2 * total, started);
        assert.equal(result.summary.result, "succeeded");
        // Each channel, the finishing step and the stack.
        assert.equal(result.summary.resourceChanges?.create, total + 2);
        const stored = emulator.channels(project);
        assert.equal(stored.length, total);
        assert.equal(new Set(stored.map((c) => c.name)).size, total, "duplicate names");
        const ids = Object.values(result.outputs.ids!.value as Record<string, string>);
        assert.deepEqual([...ids].sort(), stored.map((c) => c.id).sort());
        assert.ok(
            emulator.requests.every((r) => r.status !== 0 && (r.status < 500 || r.status === 429)),
            "a request failed other than with 429",
        );
    });

    it(`destroys all ${total} channels under the same limit`, async function () {
        emulator.resetRequests();
        const started = performance.now();
        const result = await stack.destroy({ parallel: 64 });
        report("destroy", "DELETE", total, started);
        assert.equal(result.summary.result, "succeeded");
        assert.deepEqual(emulator.channels(project), []);
    });
});
