import assert from "node:assert/strict";
import type { Stack } from "@pulumi/pulumi/automation";
import { startEmulator, type Emulator } from "../../emulator";
import { assertBuilt } from "../support/native-host";
import { testStack } from "../support/pulumi";
import { hostNames, hostTitles, type HostName } from "../support/resource-host";
import { hostPrograms, type DeclaredChannel, type DeclaredRule } from "./host-programs";

/**
 * What a refresh costs the organization's rate limit, counted in the emulator's request log through the real CLI,
 * for each host (the dynamic-provider host and the native plugin, tests/e2e/host-programs.ts): reads that arrive
 * together are served from the list's pages, at most ⌈N/100⌉ + 5 requests for N channels, and drift and deletions
 * are still seen exactly.
 */

const apiKey = "hs_test_" + "d".repeat(64);

function declared(count: number): Record<string, DeclaredChannel> {
    return Object.fromEntries(
        Array.from({ length: count }, (_, i) => [
            `ch-${String(i).padStart(3, "0")}`,
            { channelType: "webhook", config: { url: `https://ops.example.com/hooks/${i}` } },
        ]),
    );
}

/** An emulator whose rate limit no refresh reaches, and a stack of the host's program pointed at it. */
async function startRefreshStack(host: HostName, project: string, stackName: string) {
    if (host === "native") assertBuilt();
    const emulator = await startEmulator({
        apiKeys: { [apiKey]: project },
        rateLimit: { limit: 100_000, windowMs: 60_000 },
    });
    const { stack } = await testStack({ workDir: hostPrograms[host].workDir, stackName });
    await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
    await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
    return { emulator, stack };
}

for (const [host, count] of hostNames.flatMap((h) => [10, 100, 500].map((n) => [h, n] as const))) {
    const program = hostPrograms[host];
    describe(`refreshing ${count} channels through ${hostTitles[host]}`, function () {
        this.timeout(20 * 60_000);
        const budget = Math.ceil(count / 100) + 5;
        let emulator: Emulator;
        let stack: Stack;

        before(async function () {
            ({ emulator, stack } = await startRefreshStack(host, "refresh", `refresh-${host}-${count}`));
            await program.declare(stack, declared(count));
            await stack.up();
            assert.equal(emulator.channels("refresh").length, count);
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        const counted = async (run: () => Promise<unknown>) => {
            emulator.resetRequests();
            await run();
            return emulator.requests.map((r) => `${r.method} ${r.path}`);
        };

        it(`costs at most ${budget} requests in pulumi refresh, and sends no write`, async function () {
            const sent = await counted(() => stack.refresh());
            console.log(
                `      refresh of ${count} channels, ${host} host: ${sent.length} requests (one GET each: ${count})`,
            );
            assert.ok(sent.length <= budget, `${sent.length} requests: ${sent.slice(0, 12).join(", ")}`);
            assert.ok(sent.every((request) => request.startsWith("GET ")));
        });

        it(`costs at most ${budget} requests in preview --refresh and in up --refresh with nothing to change`, async function () {
            const previewed = await counted(() => stack.preview({ refresh: true }));
            assert.ok(previewed.length <= budget, `preview --refresh sent ${previewed.length}`);
            const applied = await counted(() => stack.up({ refresh: true }));
            assert.ok(applied.length <= budget, `up --refresh sent ${applied.length}`);
            assert.ok(applied.every((request) => request.startsWith("GET ")));
        });

        it("still sees an out-of-band rename as drift and an out-of-band delete as gone", async function () {
            const [renamed, deleted] = emulator.channels("refresh").slice(-2);
            emulator.updateChannel(renamed!.id, { name: "renamed-in-dashboard" });
            emulator.deleteChannel(deleted!.id);
            const sent = await counted(() => stack.refresh());
            // The deleted channel is confirmed with its own GET (a 404) before it is dropped.
            assert.ok(sent.includes(`GET /v1/notification-channels/${deleted!.id}`));
            assert.ok(sent.length <= budget + 2, `${sent.length} requests`);
            const exported = await stack.exportStack();
            const channels = exported.deployment.resources.filter(
                (r: { type: string }) => r.type === program.tokens.channel,
            );
            assert.equal(channels.length, count - 1);
            assert.equal(
                channels.find((r: { id: string }) => r.id === renamed!.id)?.outputs.name,
                "renamed-in-dashboard",
            );
        });
    });
}

for (const host of hostNames)
    describe(`refreshing 150 channels and 150 alert rules through ${hostTitles[host]}`, function () {
        this.timeout(20 * 60_000);
        const program = hostPrograms[host];
        const count = 150;
        // Each kind walks its own list: ⌈150/100⌉ + 5 for the channels, as many for the rules.
        const budget = 2 * (Math.ceil(count / 100) + 5);
        let emulator: Emulator;
        let stack: Stack;

        before(async function () {
            ({ emulator, stack } = await startRefreshStack(host, "refresh-rules", `refresh-rules-${host}`));
            const channels = declared(count);
            const names = Object.keys(channels);
            const rules: Record<string, DeclaredRule> = Object.fromEntries(
                names.map((name, i) => [
                    `rule-${String(i).padStart(3, "0")}`,
                    {
                        ruleType: "dlq",
                        ruleConfig: { threshold: 10 + i },
                        channels: [name, names[(i + 1) % names.length]!],
                    },
                ]),
            );
            await program.declare(stack, channels, rules);
            await stack.up();
            assert.equal(emulator.alertRules("refresh-rules").length, count);
        });

        after(async function () {
            await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
            await emulator?.close();
        });

        it(`costs at most ${budget} requests, and still sees a rule's out-of-band change as drift`, async function () {
            const [changed] = emulator.alertRules("refresh-rules").slice(-1);
            emulator.patchAlertRule(changed!.id, { cooldown_minutes: 5 });
            emulator.resetRequests();
            await stack.refresh();
            const sent = emulator.requests.map((r) => `${r.method} ${r.path}`);
            console.log(`      refresh of ${count} channels and ${count} rules, ${host} host: ${sent.length} requests`);
            assert.ok(sent.length <= budget, `${sent.length} requests`);
            const exported = await stack.exportStack();
            const rule = exported.deployment.resources.find((r: { id: string }) => r.id === changed!.id);
            assert.equal(rule.outputs.cooldownMinutes, 5);
        });
    });
