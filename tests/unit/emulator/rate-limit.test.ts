import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../emulator";
import { FixedWindowLimiter, rateLimitHeaders } from "../../../emulator/rate-limit";

const opsKey = "hs_test_" + "1".repeat(64);
const otherKey = "hs_test_" + "2".repeat(64);
const windowStart = Date.UTC(2026, 1, 28, 10, 0, 0);
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };

function list(emulator: Emulator, key: string | null = opsKey): Promise<Response> {
    return fetch(`${emulator.url}/notification-channels`, { headers: key === null ? {} : { "X-API-Key": key } });
}

function limits(response: Response) {
    return {
        status: response.status,
        limit: response.headers.get("ratelimit-limit"),
        remaining: response.headers.get("ratelimit-remaining"),
        reset: response.headers.get("ratelimit-reset"),
        retryAfter: response.headers.get("retry-after"),
    };
}

describe("FixedWindowLimiter", function () {
    it("counts calls per key in a window aligned to the clock, and opens a new one when it ends", function () {
        let clock = windowStart + 15_000;
        const limiter = new FixedWindowLimiter({ limit: 2, windowMs: 60_000 }, () => clock);
        assert.deepEqual(limiter.take("org"), { allowed: true, limit: 2, remaining: 1, resetSeconds: 45 });
        assert.deepEqual(limiter.take("other-org"), { allowed: true, limit: 2, remaining: 1, resetSeconds: 45 });
        clock += 10_500;
        assert.deepEqual(limiter.take("org"), { allowed: true, limit: 2, remaining: 0, resetSeconds: 35 });
        assert.deepEqual(limiter.take("org"), { allowed: false, limit: 2, remaining: 0, resetSeconds: 35 });
        clock = windowStart + 60_000;
        assert.deepEqual(limiter.take("org"), { allowed: true, limit: 2, remaining: 1, resetSeconds: 60 });
    });

    it("never reports a reset below 1 second", function () {
        const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 60_000 }, () => windowStart + 59_999);
        assert.equal(limiter.take("org").resetSeconds, 1);
    });

    it("forgets every window on clear", function () {
        const limiter = new FixedWindowLimiter({ limit: 1, windowMs: 60_000 }, () => windowStart);
        limiter.take("org");
        limiter.clear();
        assert.equal(limiter.take("org").allowed, true);
    });
});

describe("rateLimitHeaders", function () {
    const refused = { allowed: false, limit: 5, remaining: 0, resetSeconds: 12 };

    it("sends the IETF draft headers, and Retry-After only on a refusal when asked to", function () {
        const expected = { "RateLimit-Limit": "5", "RateLimit-Remaining": "0", "RateLimit-Reset": "12" };
        assert.deepEqual(rateLimitHeaders(refused, false), expected);
        assert.deepEqual(rateLimitHeaders(refused, true), { ...expected, "Retry-After": "12" });
        assert.deepEqual(rateLimitHeaders({ ...refused, allowed: true }, true), expected);
    });
});

describe("emulator rate limiting", function () {
    let clock: number;
    const now = () => clock;

    beforeEach(function () {
        clock = windowStart + 20_000;
    });

    describe("with a limit of 3 per minute", function () {
        let emulator: Emulator;

        before(async function () {
            emulator = await startEmulator({
                apiKeys: { [opsKey]: "ops", [otherKey]: "other" },
                rateLimit: { limit: 3, windowMs: 60_000 },
                now,
            });
        });

        after(async function () {
            await emulator.close();
        });

        beforeEach(function () {
            emulator.reset();
        });

        it("reports the window on each response and answers 429 past the limit, without Retry-After", async function () {
            const seen = [];
            for (let n = 0; n < 4; n++) seen.push(limits(await list(emulator)));
            const window = { limit: "3", reset: "40", retryAfter: null };
            assert.deepEqual(seen, [
                { status: 200, remaining: "2", ...window },
                { status: 200, remaining: "1", ...window },
                { status: 200, remaining: "0", ...window },
                { status: 429, remaining: "0", ...window },
            ]);
        });

        it("answers 429 in the error shape and does not perform the operation", async function () {
            for (let n = 0; n < 3; n++) await list(emulator);
            const response = await fetch(`${emulator.url}/notification-channels`, {
                method: "POST",
                headers: { "X-API-Key": opsKey, "Content-Type": "application/json" },
                body: JSON.stringify(webhook),
            });
            assert.equal(response.status, 429);
            const body = (await response.json()) as Record<string, unknown>;
            assert.deepEqual([body.error, body.status], ["Rate limit exceeded", 429]);
            assert.deepEqual(emulator.channels(), []);
        });

        it("counts every project of the organization against one limit", async function () {
            await list(emulator, opsKey);
            await list(emulator, otherKey);
            await list(emulator, opsKey);
            assert.equal((await list(emulator, otherKey)).status, 429);
        });

        it("neither counts nor labels unauthenticated requests", async function () {
            const refused = await list(emulator, null);
            assert.deepEqual(limits(refused), {
                status: 401,
                limit: null,
                remaining: null,
                reset: null,
                retryAfter: null,
            });
            assert.equal(limits(await list(emulator)).remaining, "2");
        });

        it("opens a new window when the clock reaches it", async function () {
            for (let n = 0; n < 4; n++) await list(emulator);
            clock = windowStart + 60_000;
            assert.deepEqual(limits(await list(emulator)), {
                status: 200,
                limit: "3",
                remaining: "2",
                reset: "60",
                retryAfter: null,
            });
        });
    });

    it("sends Retry-After with a 429 when retryAfter is set", async function () {
        const emulator = await startEmulator({
            apiKeys: { [opsKey]: "ops" },
            rateLimit: { limit: 1, windowMs: 30_000 },
            retryAfter: true,
            now,
        });
        try {
            assert.equal(limits(await list(emulator)).retryAfter, null);
            assert.deepEqual(limits(await list(emulator)), {
                status: 429,
                limit: "1",
                remaining: "0",
                reset: "10",
                retryAfter: "10",
            });
        } finally {
            await emulator.close();
        }
    });

    it("defaults to the docs' example of 1000 per minute", async function () {
        const emulator = await startEmulator({ apiKeys: { [opsKey]: "ops" }, now });
        try {
            assert.deepEqual(limits(await list(emulator)), {
                status: 200,
                limit: "1000",
                remaining: "999",
                reset: "40",
                retryAfter: null,
            });
        } finally {
            await emulator.close();
        }
    });
});
