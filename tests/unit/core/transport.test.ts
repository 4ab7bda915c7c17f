import assert from "node:assert/strict";
import { Agent } from "undici";
import { startEmulator, type Emulator } from "../../../emulator";
import { Transport, type TransportOptions } from "../../../provider/core/transport";
import { channelClient } from "../../../provider/notification-channel/endpoints";
import { isHookstreamError, type ApiError } from "../../../provider/core/errors";
import { RatePacer } from "../../../provider/core/rate-pacer";
import { channelPageResponse } from "../../../provider/notification-channel/response";
import { FakeClock } from "../../support/fake-clock";

const apiKey = "hs_test_" + "c".repeat(64);
const slackUrl = "https://hooks.slack.com/services/T1/B1/client-test-token";

describe("HookstreamClient against the emulator", function () {
    let emulator: Emulator;
    let clock: FakeClock;
    let delays: number[];

    /** Waits pass at once on a fake clock that records how long each was, so no test sleeps. */
    function client(options: Partial<TransportOptions> = {}) {
        return channelClient(new Transport({ baseUrl: emulator.url, apiKey, clock, ...options }));
    }

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "unit" } });
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.clearFaults();
        emulator.resetRequests();
        clock = new FakeClock({ passWaits: true });
        delays = clock.jumps;
    });

    it("sends the API key header and the create body hookstream documents", async function () {
        const created = await client().create({
            name: "ua",
            channelType: "webhook",
            config: { url: "https://a.example" },
        });
        assert.equal(created.name, "ua");
        const [request] = emulator.requests;
        assert.equal(request?.apiKeyPresent, true);
        assert.deepEqual(request?.body, { name: "ua", channel_type: "webhook", config: { url: "https://a.example" } });
    });

    it("retries a 503 on GET and succeeds, with a backoff delay", async function () {
        const { id } = await client().create({ name: "r", channelType: "email", config: { recipients: ["a@b.co"] } });
        emulator.resetRequests();
        emulator.inject({ method: "GET", action: { type: "status", status: 503 }, times: 2 });
        const channel = await client().get(id);
        assert.equal(channel.id, id);
        assert.deepEqual(
            emulator.requests.map((r) => r.status),
            [503, 503, 200],
        );
        assert.equal(delays.length, 2);
        assert.ok(delays.every((d) => d > 0));
    });

    it("never retries a POST that failed with a 5xx", async function () {
        emulator.inject({ method: "POST", action: { type: "status", status: 502 } });
        await assert.rejects(
            client().create({ name: "p", channelType: "email", config: { recipients: ["a@b.co"] } }),
            (error: ApiError) => error.status === 502 && error.code === "HOOKSTREAM_API_ERROR",
        );
        assert.equal(emulator.requests.length, 1);
    });

    it("retries a POST refused with 429, waiting what RateLimit-Reset asks", async function () {
        emulator.inject({
            method: "POST",
            action: { type: "status", status: 429, headers: { "RateLimit-Reset": "3" } },
        });
        await client().create({ name: "rl", channelType: "email", config: { recipients: ["a@b.co"] } });
        assert.deepEqual(
            emulator.requests.map((r) => r.status),
            [429, 201],
        );
        assert.ok(delays[0]! >= 3000 && delays[0]! <= 4000, `waited ${delays[0]} ms`);
    });

    it("does not retry a 401 and names both ways to set the key", async function () {
        const wrong = channelClient(new Transport({ baseUrl: emulator.url, apiKey: "hs_test_wrong" }));
        await assert.rejects(wrong.list(), (error: ApiError) => {
            assert.equal(error.status, 401);
            assert.match(error.message, /hookstream:apiKey/);
            assert.match(error.message, /HOOKSTREAM_API_KEY/);
            assert.match(error.message, /request id req_/);
            assert.equal(error.message.includes("hs_test_wrong"), false);
            return true;
        });
        assert.equal(emulator.requests.length, 1);
    });

    it("carries status, hookstream's message and request id, without echoing secrets", async function () {
        emulator.inject({
            method: "POST",
            action: {
                type: "status",
                status: 400,
                body: { error: `Invalid body: '${slackUrl}' rejected`, status: 400, request_id: "req_abcdef012345" },
            },
        });
        await assert.rejects(
            client().create({ name: "s", channelType: "slack", config: { url: slackUrl } }),
            (error: ApiError) => {
                assert.equal(error.status, 400);
                assert.equal(error.requestId, "req_abcdef012345");
                assert.match(error.message, /POST \/v1\/notification-channels failed with 400/);
                assert.match(error.message, /'\[redacted\]' rejected/);
                assert.equal(error.message.includes("client-test-token"), false);
                return true;
            },
        );
    });

    it("asks again after an unreadable 200 body to a GET, and reports one that stays unreadable", async function () {
        const { id } = await client().create({ name: "m", channelType: "email", config: { recipients: ["a@b.co"] } });
        emulator.resetRequests();
        emulator.inject({ method: "GET", action: { type: "malformed" } });
        assert.equal((await client().get(id)).id, id);
        assert.equal(emulator.requests.length, 2);

        emulator.resetRequests();
        emulator.inject({ method: "GET", action: { type: "malformed" }, times: 10 });
        await assert.rejects(client().get(id), (error: Error) => isHookstreamError(error, "HOOKSTREAM_BAD_RESPONSE"));
        assert.equal(emulator.requests.length, 4, "the first request and three more");
    });

    it("never sends a POST again after an unreadable answer", async function () {
        emulator.resetRequests();
        emulator.inject({ method: "POST", action: { type: "malformed" } });
        await assert.rejects(
            client().create({ name: "p", channelType: "email", config: { recipients: ["a@b.co"] } }),
            (error: Error) => isHookstreamError(error, "HOOKSTREAM_BAD_RESPONSE"),
        );
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 1);
    });

    it("retries a dropped GET connection and succeeds", async function () {
        const { id } = await client().create({ name: "d", channelType: "email", config: { recipients: ["a@b.co"] } });
        emulator.resetRequests();
        emulator.inject({ method: "GET", action: { type: "drop" } });
        assert.equal((await client().get(id)).id, id);
    });

    it("turns a slow answer into a timeout error, not an invented status", async function () {
        emulator.inject({ method: "GET", action: { type: "latency", ms: 3000 }, times: 10 });
        const impatient = client({
            dispatcher: new Agent({ headersTimeout: 300, bodyTimeout: 300 }),
            retry: { maxRetries: 1 },
        });
        await assert.rejects(impatient.list(), (error: Error) => isHookstreamError(error, "HOOKSTREAM_TIMEOUT"));
    });

    it("follows cursor and has_more across pages", async function () {
        const api = client();
        for (let i = 0; i < 130; i++) {
            emulator.createChannel("unit", {
                name: `page-${i}`,
                channel_type: "email",
                config: { recipients: ["a@b.co"] },
            });
        }
        const all = await api.listAll();
        const names = new Set(all.map((c) => c.name));
        for (let i = 0; i < 130; i++) assert.ok(names.has(`page-${i}`));
        assert.equal(new Set(all.map((c) => c.id)).size, all.length, "no channel twice");
        assert.ok(emulator.requests.filter((r) => r.method === "GET").length >= 2);
    });

    it("reads the docs response shape as well as the reference shape", async function () {
        emulator.shape = "docs";
        try {
            const created = await client().create({
                name: "docs",
                channelType: "discord",
                config: { url: "https://d.example/x" },
            });
            assert.equal(created.channelType, "discord");
            assert.deepEqual(created.config, { url: "https://d.example/x" });
            assert.equal(created.enabled, true);
        } finally {
            emulator.shape = "reference";
        }
    });
});

/**
 * An operation's one budget, on a fake clock: time moves only through the waits the transport asks for (or a test's
 * `advance`), the jitter is pinned at its lowest, and the pacer counts on the same clock.
 */
describe("Transport deadline and aborts (fake clock)", function () {
    const budgetMs = 1_000;
    let emulator: Emulator;
    let clock: FakeClock;
    let pacer: RatePacer;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "unit" } });
    });

    after(async function () {
        await emulator.close();
    });

    function transport(passWaits: boolean): Transport {
        clock = new FakeClock({ passWaits });
        pacer = new RatePacer(clock.now);
        return new Transport({
            baseUrl: emulator.url,
            apiKey,
            clock,
            pacer,
            random: () => 0,
            operationTimeoutMs: budgetMs,
        });
    }

    function list(api: Transport, signal?: AbortSignal): Promise<unknown> {
        return api.send("GET", "/notification-channels", undefined, channelPageResponse, { signal });
    }

    /** What an operation leaves behind once time has moved far past every wait it could have asked for. */
    async function afterEverything(): Promise<{ timers: number; requests: number }> {
        clock.advance(60 * 60_000);
        await new Promise((resolve) => setImmediate(resolve));
        return { timers: clock.pending, requests: emulator.requests.length };
    }

    const operationTimeout = (error: Error) =>
        isHookstreamError(error, "HOOKSTREAM_TIMEOUT") &&
        error.message.includes(`timed out after ${budgetMs} ms (for the whole operation, retries included)`);

    beforeEach(function () {
        emulator.clearFaults();
        emulator.resetRequests();
    });

    it("leaves no timer behind once an operation succeeds", async function () {
        const api = transport(false);
        await list(api);
        assert.equal(clock.pending, 0);
        assert.equal(emulator.requests.length, 1);
    });

    it("counts the pacer's wait and every re-ask of an unreadable answer against one deadline", async function () {
        const api = transport(true);
        const started = clock.now();
        // The window's budget is spent and resets in 600 ms; then every answer is unreadable, and each re-ask waits
        // 125, 250, then 500 ms: 600 + 125 + 250 = 975 ms of the 1 000 are gone before the third re-ask's wait.
        pacer.observe({ "ratelimit-limit": "10", "ratelimit-remaining": "0", "ratelimit-reset": "0.6" });
        emulator.inject({ method: "GET", action: { type: "malformed" }, times: 10 });
        await assert.rejects(list(api), operationTimeout);
        assert.deepEqual(clock.jumps, [600, 125, 250, 25]);
        assert.equal(clock.now() - started, budgetMs);
        assert.equal(emulator.requests.length, 3, "the first request and two re-asks");
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 3 });
    });

    it("counts every backoff after a 5xx against the same deadline", async function () {
        const api = transport(true);
        emulator.inject({ method: "GET", action: { type: "status", status: 503 }, times: 20 });
        const error = await list(api).then(
            () => assert.fail("list should time out"),
            (e: Error) => e,
        );
        assert.ok(operationTimeout(error), error.message);
        assert.equal((error.cause as ApiError).status, 503, "the last failure is the cause");
        // Requests at 0, 125, 375 and 875 ms; the next backoff (1 000 ms) would end past the deadline.
        assert.deepEqual(clock.jumps, [125, 250, 500, 125]);
        assert.equal(emulator.requests.length, 4);
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 4 });
    });

    it("counts a 429's Retry-After wait against the deadline, even for a POST", async function () {
        const api = transport(true);
        emulator.inject({ method: "POST", action: { type: "status", status: 429, headers: { "Retry-After": "30" } } });
        const create = api.send("POST", "/notification-channels", { name: "late", channel_type: "email" }, undefined);
        await assert.rejects(create, operationTimeout);
        assert.deepEqual(clock.jumps, [budgetMs]);
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 1 });
    });

    it("waits what a 429's Retry-After asks before the retry, not the RateLimit-Reset it also carries", async function () {
        const api = transport(true);
        emulator.inject({
            method: "GET",
            action: {
                type: "status",
                status: 429,
                headers: {
                    "Retry-After": "0.5",
                    "RateLimit-Limit": "50",
                    "RateLimit-Remaining": "0",
                    "RateLimit-Reset": "3",
                },
            },
        });
        await list(api);
        assert.deepEqual(clock.jumps, [500]);
        assert.deepEqual(
            emulator.requests.map((r) => r.status),
            [429, 200],
        );
    });

    it("clears the pending backoff and rejects with the caller's reason at once when the caller aborts", async function () {
        const api = transport(false);
        emulator.inject({ method: "GET", action: { type: "status", status: 503 }, times: 20 });
        const caller = new AbortController();
        const listing = list(api, caller.signal);
        await clock.whenPending(2); // the deadline and the backoff after the first 503
        assert.equal(emulator.requests.length, 1);
        const reason = new Error("the engine cancelled the update");
        caller.abort(reason);
        await assert.rejects(listing, (error) => error === reason);
        assert.equal(clock.pending, 0);
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 1 });
    });

    it("clears the pending rate-limit wait when the deadline fires, and sends nothing", async function () {
        const api = transport(false);
        pacer.observe({ "ratelimit-limit": "10", "ratelimit-remaining": "0", "ratelimit-reset": "30" });
        const listing = list(api);
        await clock.whenPending(2); // the deadline and the pacer's wait
        clock.advance(budgetMs);
        await assert.rejects(listing, operationTimeout);
        assert.equal(clock.pending, 0);
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 0 });
    });

    it("aborts the request in flight when the deadline fires, before hookstream answers it", async function () {
        const api = transport(false);
        emulator.inject({ method: "GET", action: { type: "latency", ms: 2_000 } });
        const listing = list(api);
        while (emulator.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
        clock.advance(budgetMs);
        await assert.rejects(listing, operationTimeout);
        assert.equal(emulator.requests[0]?.status, 0, "hookstream has not answered yet");
        assert.equal(clock.pending, 0);
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 1 });
    });

    it("sends nothing and sets no timer when the caller's signal is already aborted", async function () {
        const api = transport(false);
        const reason = new Error("cancelled before it began");
        await assert.rejects(list(api, AbortSignal.abort(reason)), (error) => error === reason);
        assert.deepEqual(await afterEverything(), { timers: 0, requests: 0 });
    });
});
