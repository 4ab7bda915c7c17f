import assert from "node:assert/strict";
import { Agent } from "undici";
import { channelSet } from "../../../bench/channel-set";
import { directCycle } from "../../../bench/direct-cycle";
import { operations, type Operation, type PhaseEnded } from "../../../bench/phase-timer";
import { providerCycle } from "../../../bench/provider-cycle";
import { countRequests, type RequestCounts } from "../../../bench/request-counts";
import { startEmulator, type Emulator } from "../../../emulator";
import * as runtime from "../../../provider/runtime";

const apiKey = "hs_test_" + "b".repeat(64);

describe("the provider-overhead benchmark's two arms", () => {
    let emulator: Emulator;
    let agent: Agent;

    before(async () => {
        // Several cycles send more than the default limit allows in a minute, and the provider's pacer would wait.
        const rateLimit = { limit: 1_000_000, windowMs: 60_000 };
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: "bench" }, rateLimit });
        agent = new Agent({ keepAliveTimeout: 30_000, connections: 64 });
    });

    after(async () => {
        await agent.close();
        await emulator.close();
    });

    /** What each phase of one cycle sent, read from what the emulator recorded. */
    async function sentPerPhase(cycle: (ended: PhaseEnded) => Promise<unknown>) {
        emulator.reset();
        const sent: Partial<Record<Operation, RequestCounts>> = {};
        let seen = 0;
        await cycle(async (operation) => {
            sent[operation] = countRequests(emulator.requests.slice(seen));
            seen = emulator.requests.length;
        });
        return sent;
    }

    // More channels than a list page holds, so that the reads walk past the first page.
    const channels = Object.values(channelSet(130, "plan"));

    it("send the same number of requests of each kind in every phase", async () => {
        runtime.setStackSettings({ apiKey, baseUrl: emulator.url });
        const viaProvider = await sentPerPhase((ended) => providerCycle(runtime, channels, 8, ended));
        const direct = await sentPerPhase((ended) =>
            directCycle({ agent, baseUrl: emulator.url, apiKey }, channels, 8, ended),
        );
        for (const operation of operations) {
            assert.ok(Object.keys(viaProvider[operation] ?? {}).length > 0, `the provider's ${operation} sent nothing`);
            assert.deepEqual(direct[operation], viaProvider[operation], operation);
        }
    });

    it("create as an up does: one list page, then a POST and a finishing PATCH per channel", async () => {
        runtime.setStackSettings({ apiKey, baseUrl: emulator.url });
        const viaProvider = await sentPerPhase((ended) => providerCycle(runtime, channels, 8, ended));
        assert.deepEqual(viaProvider.create, {
            "GET /v1/notification-channels?limit": 1,
            "PATCH /v1/notification-channels/:id": channels.length,
            "POST /v1/notification-channels": channels.length,
        });
    });
});
