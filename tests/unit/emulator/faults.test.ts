import assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { startEmulator, type Emulator } from "../../../emulator";

const key = "hs_test_" + "f".repeat(64);
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };

function request(emulator: Emulator, method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(emulator.url + path, {
        method,
        headers: { "X-API-Key": key, "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
}

const create = (emulator: Emulator) => request(emulator, "POST", "/notification-channels", webhook);

describe("emulator faults", function () {
    let emulator: Emulator;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [key]: "ops" } });
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.reset();
    });

    describe("status", function () {
        it("answers the status in hookstream's error shape without performing the operation", async function () {
            emulator.inject({ action: { type: "status", status: 503 } });
            const response = await create(emulator);
            assert.equal(response.status, 503);
            const body = (await response.json()) as Record<string, unknown>;
            assert.deepEqual(
                { ...body, request_id: "·" },
                { error: "Service Unavailable", status: 503, request_id: "·" },
            );
            assert.deepEqual(emulator.channels(), []);
            assert.deepEqual(
                emulator.requests.map((r) => [r.status, r.fault]),
                [[503, "status"]],
            );
        });

        it("uses hookstream's wording for the statuses ERR names", async function () {
            emulator.inject({ action: { type: "status", status: 429 } });
            const body = (await (await create(emulator)).json()) as { error: string };
            assert.equal(body.error, "Rate limit exceeded");
        });

        it("sends a given body and headers verbatim", async function () {
            emulator.inject({
                action: {
                    type: "status",
                    status: 502,
                    body: "<html>Bad gateway</html>",
                    headers: { "Retry-After": "7" },
                },
            });
            const response = await create(emulator);
            assert.equal(response.status, 502);
            assert.equal(response.headers.get("retry-after"), "7");
            assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8");
            assert.equal(await response.text(), "<html>Bad gateway</html>");
        });

        it("applies `times` times, then the API answers normally", async function () {
            emulator.inject({ action: { type: "status", status: 500 }, times: 2 });
            const statuses = [];
            for (let n = 0; n < 3; n++)
                statuses.push((await request(emulator, "GET", "/notification-channels")).status);
            assert.deepEqual(statuses, [500, 500, 200]);
        });
    });

    describe("matching", function () {
        it("applies a rule only to its method and path, leaving it for a later match", async function () {
            const { id } = emulator.createChannel("ops", webhook);
            emulator.inject({
                method: "patch",
                path: `/notification-channels/${id}`,
                action: { type: "status", status: 409 },
            });
            assert.equal((await request(emulator, "GET", `/notification-channels/${id}`)).status, 200);
            assert.equal((await request(emulator, "PATCH", "/notification-channels/other", { name: "x" })).status, 404);
            assert.equal((await request(emulator, "PATCH", `/notification-channels/${id}`, { name: "x" })).status, 409);
            assert.equal((await request(emulator, "PATCH", `/notification-channels/${id}`, { name: "x" })).status, 200);
        });

        it("matches a RegExp path, a global one included, on every call", async function () {
            emulator.inject({ path: /\/test$/g, action: { type: "status", status: 500 }, times: 3 });
            const { id } = emulator.createChannel("ops", webhook);
            const statuses = [];
            for (let n = 0; n < 3; n++) {
                statuses.push((await request(emulator, "POST", `/notification-channels/${id}/test`)).status);
            }
            assert.deepEqual(statuses, [500, 500, 500]);
        });

        it("uses rules in the order they were injected", async function () {
            emulator.inject({ action: { type: "status", status: 500 } });
            emulator.inject({ action: { type: "status", status: 502 } });
            const first = await request(emulator, "GET", "/notification-channels");
            const second = await request(emulator, "GET", "/notification-channels");
            assert.deepEqual([first.status, second.status], [500, 502]);
        });

        it("forgets every rule on clearFaults", async function () {
            emulator.inject({ action: { type: "status", status: 500 }, times: 5 });
            emulator.clearFaults();
            assert.equal((await request(emulator, "GET", "/notification-channels")).status, 200);
        });

        for (const [what, rule] of [
            ["times 0", { action: { type: "drop" }, times: 0 }],
            ["an unknown action", { action: { type: "explode" } }],
            ["a status below 200", { action: { type: "status", status: 99 } }],
            ["a negative latency", { action: { type: "latency", ms: -1 } }],
        ] as const) {
            it(`refuses a rule with ${what}`, function () {
                assert.throws(() => emulator.inject(rule as never), /^Error: inject: Invalid fault rule/);
            });
        }
    });

    describe("latency", function () {
        it("delays the answer, then handles the request normally", async function () {
            emulator.inject({ action: { type: "latency", ms: 40 } });
            const started = performance.now();
            const response = await create(emulator);
            // A lower bound only (less 1 ms of timer rounding): how much longer it takes is the machine's business.
            assert.ok(performance.now() - started >= 39);
            assert.equal(response.status, 201);
            assert.equal(emulator.channels().length, 1);
        });

        it("lets close() end a request it is holding", async function () {
            const held = await startEmulator({ apiKeys: { [key]: "ops" } });
            held.inject({ action: { type: "latency", ms: 600_000 } });
            const pending = request(held, "GET", "/notification-channels");
            while (held.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
            await held.close();
            await assert.rejects(pending, TypeError);
            assert.equal(held.requests[0]!.status, 0);
        });
    });

    describe("drop", function () {
        it("cuts the connection without answering or performing the operation", async function () {
            emulator.inject({ action: { type: "drop" } });
            await assert.rejects(create(emulator), TypeError);
            assert.deepEqual(emulator.channels(), []);
            assert.deepEqual(
                emulator.requests.map((r) => [r.method, r.status, r.fault]),
                [["POST", 0, "drop"]],
            );
        });
    });

    describe("lose-response", function () {
        it("stores the created channel, then cuts the connection", async function () {
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            await assert.rejects(create(emulator), TypeError);
            const stored = emulator.channels("ops");
            assert.equal(stored.length, 1);
            const listed = (await (await request(emulator, "GET", "/notification-channels")).json()) as {
                channels: Array<{ id: string }>;
            };
            assert.deepEqual(
                listed.channels.map((channel) => channel.id),
                [stored[0]!.id],
            );
            assert.deepEqual(
                emulator.requests.map((r) => [r.method, r.status, r.fault ?? null]),
                [
                    ["POST", 0, "lose-response"],
                    ["GET", 200, null],
                ],
            );
        });
    });

    describe("malformed", function () {
        it("performs the operation and answers 200 with JSON cut short", async function () {
            emulator.inject({ action: { type: "malformed" } });
            const response = await create(emulator);
            assert.equal(response.status, 200);
            assert.equal(response.headers.get("content-type"), "application/json");
            const text = await response.text();
            assert.ok(text.startsWith('{"channel":{'), text);
            assert.throws(() => JSON.parse(text), SyntaxError);
            assert.equal(emulator.channels().length, 1);
            assert.ok(response.headers.get("ratelimit-limit"), "still an authenticated response");
        });
    });

    describe("empty", function () {
        it("performs the operation and answers 200 with no body", async function () {
            const { id } = emulator.createChannel("ops", webhook);
            emulator.inject({ action: { type: "empty" } });
            const response = await request(emulator, "DELETE", `/notification-channels/${id}`);
            assert.equal(response.status, 200);
            assert.equal(await response.text(), "");
            assert.deepEqual(emulator.channels(), []);
        });
    });
});

describe("latencyMs (a distant server)", function () {
    it("holds every API request for the given time before serving it", async function () {
        const apiKey = "hs_test_" + "9".repeat(64);
        const emulator = await startEmulator({ apiKeys: { [apiKey]: "far" }, latencyMs: 60 });
        try {
            const started = performance.now();
            const response = await fetch(`${emulator.url}/notification-channels`, { headers: { "x-api-key": apiKey } });
            assert.equal(response.status, 200);
            // A lower bound only: the request cannot have been served before the latency ran out.
            assert.ok(performance.now() - started >= 55);
            assert.equal(emulator.requests.length, 1);
        } finally {
            await emulator.close();
        }
    });

    it("rejects a latency that is not a whole number of milliseconds", async function () {
        await assert.rejects(startEmulator({ apiKeys: { k: "p" }, latencyMs: -1 }), /latencyMs must be/);
    });
});
