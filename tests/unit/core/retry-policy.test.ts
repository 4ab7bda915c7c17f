import assert from "node:assert/strict";
import {
    decideRetry,
    defaultRetryOptions,
    unreadableAnswerRetries,
    rateLimitWaitMs,
    type FailedAttempt,
    type RetryOptions,
} from "../../../provider/core/retry-policy";

const now = Date.parse("2026-02-28T10:00:00Z");
const lowest = () => 0;
const highest = () => 1;
const methods = ["GET", "POST", "PATCH", "DELETE"] as const;

/** The expected decision: no retry, or a retry whose delay is `min` with random() = 0 and `max` with random() = 1. */
type Expected = { retry: false } | { retry: true; min: number; max: number };

interface Row {
    title: string;
    failure: FailedAttempt;
    expected: Expected;
    options?: RetryOptions;
}

function check({ failure, expected, options = defaultRetryOptions }: Row): void {
    const atLowest = decideRetry(failure, options, now, lowest);
    const atHighest = decideRetry(failure, options, now, highest);
    if (!expected.retry) {
        assert.deepEqual(atLowest, { retry: false });
        assert.deepEqual(atHighest, { retry: false });
        return;
    }
    assert.deepEqual(atLowest, { retry: true, delayMs: expected.min });
    assert.deepEqual(atHighest, { retry: true, delayMs: expected.max });
}

const rows: Row[] = [];

// 429: hookstream refused before doing anything, so every method is retried, POST included.
for (const method of methods) {
    rows.push(
        {
            title: `retries a ${method} after a 429 for Retry-After seconds plus up to 20% jitter`,
            failure: { method, attempt: 1, statusCode: 429, headers: { "retry-after": "5" } },
            expected: { retry: true, min: 5_000, max: 6_000 },
        },
        {
            title: `retries a ${method} after a 429 until the Retry-After HTTP date`,
            failure: {
                method,
                attempt: 1,
                statusCode: 429,
                headers: { "retry-after": "Sat, 28 Feb 2026 10:00:12 GMT" },
            },
            expected: { retry: true, min: 12_000, max: 13_000 },
        },
        {
            title: `retries a ${method} after a 429 when RateLimit-Reset says the window resets`,
            failure: { method, attempt: 2, statusCode: 429, headers: { "ratelimit-reset": "37" } },
            expected: { retry: true, min: 37_000, max: 38_000 },
        },
        {
            title: `retries a ${method} after a 429 without rate-limit headers on the backoff schedule`,
            failure: { method, attempt: 3, statusCode: 429, headers: {} },
            expected: { retry: true, min: 1_000, max: 1_250 },
        },
    );
}

rows.push(
    {
        title: "prefers Retry-After to RateLimit-Reset",
        failure: {
            method: "GET",
            attempt: 1,
            statusCode: 429,
            headers: { "retry-after": "2", "ratelimit-reset": "40" },
        },
        expected: { retry: true, min: 2_000, max: 2_450 },
    },
    {
        title: "adds at most one second of jitter to a long 429 wait",
        failure: { method: "GET", attempt: 1, statusCode: 429, headers: { "ratelimit-reset": "50" } },
        expected: { retry: true, min: 50_000, max: 51_000 },
    },
    {
        title: "caps a 429 wait at maxDelayMs whatever the header asks",
        failure: { method: "POST", attempt: 1, statusCode: 429, headers: { "retry-after": "3600" } },
        expected: { retry: true, min: 60_000, max: 60_000 },
    },
    {
        title: "retries a 429 within 50 ms when the Retry-After date has passed",
        failure: {
            method: "GET",
            attempt: 1,
            statusCode: 429,
            headers: { "retry-after": "Sat, 28 Feb 2026 09:00:00 GMT" },
        },
        expected: { retry: true, min: 0, max: 50 },
    },
    {
        title: "reads a header sent twice by its first value",
        failure: { method: "GET", attempt: 1, statusCode: 429, headers: { "retry-after": ["3", "90"] } },
        expected: { retry: true, min: 3_000, max: 3_650 },
    },
);

// 5xx: the request may have been applied, so only idempotent methods are repeated.
for (const statusCode of [500, 502, 503, 504]) {
    for (const method of ["GET", "PATCH", "DELETE"]) {
        rows.push({
            title: `retries a ${method} after a ${statusCode} with equal jitter`,
            failure: { method, attempt: 1, statusCode },
            expected: { retry: true, min: 125, max: 250 },
        });
    }
    rows.push({
        title: `never retries a POST after a ${statusCode}`,
        failure: { method: "POST", attempt: 1, statusCode },
        expected: { retry: false },
    });
}

rows.push(
    {
        title: "doubles the 5xx backoff step per attempt",
        failure: { method: "GET", attempt: 4, statusCode: 503 },
        expected: { retry: true, min: 1_000, max: 2_000 },
    },
    {
        title: "caps the 5xx backoff step at maxDelayMs",
        failure: { method: "GET", attempt: 20, statusCode: 503 },
        options: { ...defaultRetryOptions, maxRetries: 30 },
        expected: { retry: true, min: 30_000, max: 60_000 },
    },
    {
        title: "reads the method case-insensitively",
        failure: { method: "patch", attempt: 1, statusCode: 502 },
        expected: { retry: true, min: 125, max: 250 },
    },
    {
        title: "never retries a 501",
        failure: { method: "GET", attempt: 1, statusCode: 501 },
        expected: { retry: false },
    },
);

// Client errors are answers, not accidents.
for (const statusCode of [400, 401, 403, 404, 409]) {
    for (const method of methods) {
        rows.push({
            title: `never retries a ${method} after a ${statusCode}`,
            failure: { method, attempt: 1, statusCode, headers: { "retry-after": "1" } },
            expected: { retry: false },
        });
    }
}

// Network errors: ambiguous ones only for idempotent methods; never-sent ones for all.
for (const errorCode of ["ECONNRESET", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT"]) {
    rows.push(
        {
            title: `retries a GET after ${errorCode}`,
            failure: { method: "GET", attempt: 2, errorCode },
            expected: { retry: true, min: 250, max: 500 },
        },
        {
            title: `retries a DELETE after ${errorCode}`,
            failure: { method: "DELETE", attempt: 1, errorCode },
            expected: { retry: true, min: 125, max: 250 },
        },
        {
            title: `never retries a POST after ${errorCode}, which may have reached hookstream`,
            failure: { method: "POST", attempt: 1, errorCode },
            expected: { retry: false },
        },
    );
}

rows.push(
    {
        title: "retries a POST after ECONNREFUSED, which never reached hookstream",
        failure: { method: "POST", attempt: 1, errorCode: "ECONNREFUSED" },
        expected: { retry: true, min: 125, max: 250 },
    },
    {
        title: "retries a POST after UND_ERR_CONNECT_TIMEOUT",
        failure: { method: "POST", attempt: 3, errorCode: "UND_ERR_CONNECT_TIMEOUT" },
        expected: { retry: true, min: 500, max: 1_000 },
    },
    {
        title: "never retries an error code it does not know",
        failure: { method: "GET", attempt: 1, errorCode: "ERR_TLS_CERT_ALTNAME_INVALID" },
        expected: { retry: false },
    },
    {
        title: "never retries a failure with neither a status nor an error code",
        failure: { method: "GET", attempt: 1 },
        expected: { retry: false },
    },
);

// Attempts are counted from 1; maxRetries (8 by default) is the last attempt allowed. At attempt 8 the backoff step
// is 250 ms * 2^7 = 32 s.
for (const { failure, atLimit } of [
    {
        failure: { method: "GET", statusCode: 429, headers: { "retry-after": "1" } },
        atLimit: { min: 1_000, max: 1_250 },
    },
    { failure: { method: "GET", statusCode: 503 }, atLimit: { min: 16_000, max: 32_000 } },
    { failure: { method: "POST", errorCode: "ECONNREFUSED" }, atLimit: { min: 16_000, max: 32_000 } },
]) {
    const what = failure.statusCode ?? failure.errorCode;
    rows.push(
        {
            title: `retries ${what} on attempt maxRetries`,
            failure: { ...failure, attempt: defaultRetryOptions.maxRetries },
            expected: { retry: true, ...atLimit },
        },
        {
            title: `stops ${what} once attempt exceeds maxRetries`,
            failure: { ...failure, attempt: defaultRetryOptions.maxRetries + 1 },
            expected: { retry: false },
        },
    );
}

describe("decideRetry", () => {
    it("defaults to 8 retries, a 250 ms first step and a 60 s cap", () => {
        assert.deepEqual(defaultRetryOptions, { maxRetries: 8, baseDelayMs: 250, maxDelayMs: 60_000 });
    });

    for (const row of rows) {
        it(row.title, () => check(row));
    }

    it("honours custom options", () => {
        const options: RetryOptions = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 500 };
        check({
            title: "",
            options,
            failure: { method: "GET", attempt: 3, statusCode: 500 },
            expected: { retry: true, min: 200, max: 400 },
        });
        check({
            title: "",
            options,
            failure: { method: "GET", attempt: 1, statusCode: 429, headers: { "retry-after": "10" } },
            expected: { retry: true, min: 500, max: 500 },
        });
        check({
            title: "",
            options,
            failure: { method: "GET", attempt: 4, statusCode: 500 },
            expected: { retry: false },
        });
    });

    it("keeps every delay between half a step and maxDelayMs for any random value", () => {
        let seed = 7;
        const random = () => {
            seed = (seed * 16807) % 2147483647;
            return (seed - 1) / 2147483646;
        };
        for (let attempt = 1; attempt <= defaultRetryOptions.maxRetries; attempt++) {
            const step = Math.min(250 * 2 ** (attempt - 1), 60_000);
            for (let i = 0; i < 50; i++) {
                const decision = decideRetry(
                    { method: "DELETE", attempt, statusCode: 503 },
                    defaultRetryOptions,
                    now,
                    random,
                );
                assert.ok(decision.retry, `attempt ${attempt} not retried`);
                assert.ok(decision.delayMs >= step / 2 && decision.delayMs <= step, `${decision.delayMs} outside step`);
                assert.ok(decision.delayMs <= defaultRetryOptions.maxDelayMs);
            }
        }
    });
});

describe("rateLimitWaitMs", () => {
    const cases: [string, Record<string, string | string[] | undefined>, number | undefined][] = [
        ["no headers", {}, undefined],
        ["Retry-After in seconds", { "retry-after": "7" }, 7_000],
        ["Retry-After of zero", { "retry-after": "0" }, 0],
        ["fractional Retry-After seconds", { "retry-after": "1.5" }, 1_500],
        ["Retry-After padded with spaces", { "retry-after": " 3 " }, 3_000],
        ["a Retry-After HTTP date", { "retry-after": "Sat, 28 Feb 2026 10:01:00 GMT" }, 60_000],
        ["a Retry-After HTTP date in the past", { "retry-after": "Sat, 28 Feb 2026 09:59:00 GMT" }, 0],
        ["an empty Retry-After", { "retry-after": "" }, undefined],
        ["a blank Retry-After", { "retry-after": "   " }, undefined],
        ["a garbage Retry-After", { "retry-after": "soon" }, undefined],
        ["an infinite Retry-After", { "retry-after": "Infinity" }, undefined],
        ["a negative Retry-After", { "retry-after": "-5" }, undefined],
        ["RateLimit-Reset in seconds", { "ratelimit-reset": "37" }, 37_000],
        ["an empty RateLimit-Reset", { "ratelimit-reset": "" }, undefined],
        ["a negative RateLimit-Reset", { "ratelimit-reset": "-1" }, undefined],
        ["a garbage RateLimit-Reset", { "ratelimit-reset": "later" }, undefined],
        [
            "a RateLimit-Reset date, which hookstream does not send",
            { "ratelimit-reset": "Sat, 28 Feb 2026 10:01:00 GMT" },
            undefined,
        ],
        ["a garbage Retry-After beside a RateLimit-Reset", { "retry-after": "soon", "ratelimit-reset": "30" }, 30_000],
        ["an empty Retry-After beside a RateLimit-Reset", { "retry-after": "", "ratelimit-reset": "30" }, 30_000],
        ["a negative Retry-After beside a RateLimit-Reset", { "retry-after": "-5", "ratelimit-reset": "30" }, 30_000],
        ["a header sent twice", { "retry-after": ["4", "99"] }, 4_000],
        ["an undefined header", { "retry-after": undefined, "ratelimit-reset": "2" }, 2_000],
    ];

    for (const [title, headers, expected] of cases) {
        it(`reads ${title} as ${expected === undefined ? "no wait given" : `${expected} ms`}`, () => {
            assert.equal(rateLimitWaitMs(headers, now), expected);
        });
    }
});

describe("decideRetry on an unreadable answer", () => {
    const unreadable = (method: string, attempt: number, unreadableAnswers: number): FailedAttempt => ({
        method,
        attempt,
        unreadableAnswers,
    });

    it("asks again for an unreadable answer to GET, PATCH and DELETE, after the delay a 502 gets", () => {
        for (const method of ["GET", "PATCH", "DELETE"]) {
            for (const random of [lowest, highest]) {
                const decision = decideRetry(unreadable(method, 2, 1), defaultRetryOptions, now, random);
                const after502 = decideRetry({ method, attempt: 2, statusCode: 502 }, defaultRetryOptions, now, random);
                assert.equal(decision.retry, true, method);
                assert.deepEqual(decision, after502, method);
            }
        }
    });

    it("never repeats a POST, whose first attempt may have created something", () => {
        assert.deepEqual(decideRetry(unreadable("POST", 1, 1), defaultRetryOptions, now, lowest), { retry: false });
    });

    it(`gives up after ${unreadableAnswerRetries} unreadable answers, and ignores answers that were read`, () => {
        assert.equal(decideRetry(unreadable("GET", 5, unreadableAnswerRetries)).retry, true);
        assert.equal(decideRetry(unreadable("GET", 5, unreadableAnswerRetries + 1)).retry, false);
        assert.equal(decideRetry({ method: "GET", attempt: 1, statusCode: 200 }).retry, false);
    });

    it("counts unreadable answers against maxRetries, like any other failure of the operation", () => {
        const { maxRetries } = defaultRetryOptions;
        assert.equal(decideRetry(unreadable("GET", maxRetries, 1)).retry, true);
        assert.equal(decideRetry(unreadable("GET", maxRetries + 1, 1)).retry, false);
    });
});
