/**
 * When to send a request again, and after how long: the one retry policy of every resource's requests. Pure: the
 * caller supplies the clock and the random source, so every branch is testable without a socket or a sleep.
 *
 * hookstream's POST is not idempotent (docs/hookstream-api.md §4.3): it is retried only when the request provably did not
 * take effect — a 429 (refused before processing) or a connection that was never established. Everything else that
 * is ambiguous for a POST (a reset, a timeout, a 5xx, an unreadable answer) is left to the caller, which looks for
 * what the create may have made before creating it again (marked-create.ts).
 */

export interface RetryOptions {
    /** Requests after the first in one operation, whatever failed. */
    maxRetries: number;
    /** First backoff step for 5xx, network errors and unreadable answers, in ms; it doubles per attempt. */
    baseDelayMs: number;
    /** No single wait is longer than this, in ms, whatever a header asks for. */
    maxDelayMs: number;
}

export const defaultRetryOptions: RetryOptions = { maxRetries: 8, baseDelayMs: 250, maxDelayMs: 60_000 };

export interface FailedAttempt {
    method: string;
    /** 1 for the first retry decision of the operation, whatever failed. */
    attempt: number;
    /** The error status; absent for a network error and for a 2xx answer that could not be read. */
    statusCode?: number;
    /** Node or undici error code, e.g. ECONNRESET or UND_ERR_HEADERS_TIMEOUT. */
    errorCode?: string;
    /** Response headers, lower-case names. */
    headers?: Record<string, string | string[] | undefined>;
    /** For a 2xx answer whose body could not be read: how many of the operation's answers were, this one included. */
    unreadableAnswers?: number;
}

export type RetryDecision = { retry: false } | { retry: true; delayMs: number };

/**
 * How many times a 2xx answer whose body cannot be read (cut short, empty, not a documented shape) is asked for again:
 * it is rare, and a server that keeps sending one is broken.
 */
export const unreadableAnswerRetries = 3;

const retryableStatuses = new Set([500, 502, 503, 504]);
const idempotentMethods = new Set(["GET", "HEAD", "PATCH", "PUT", "DELETE"]);
// The request may have reached hookstream: safe to repeat only for idempotent methods.
const ambiguousNetworkErrors = new Set([
    "ECONNRESET",
    "EPIPE",
    "ETIMEDOUT",
    "UND_ERR_SOCKET",
    "UND_ERR_CLOSED",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
]);
// The request never left this machine: safe to repeat for any method.
const unsentNetworkErrors = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT", "EAI_AGAIN"]);

export function decideRetry(
    failure: FailedAttempt,
    options: RetryOptions = defaultRetryOptions,
    now: number = Date.now(),
    random: () => number = Math.random,
): RetryDecision {
    if (failure.attempt > options.maxRetries) return { retry: false };
    const method = failure.method.toUpperCase();

    if (failure.unreadableAnswers !== undefined) {
        // It says nothing of what hookstream did: an idempotent request goes again, as after a 502.
        if (failure.unreadableAnswers > unreadableAnswerRetries || !idempotentMethods.has(method))
            return { retry: false };
        return { retry: true, delayMs: jittered(failure.attempt, options, random) };
    }

    if (failure.statusCode === 429) {
        const waitMs = rateLimitWaitMs(failure.headers ?? {}, now);
        const base = waitMs ?? backoffMs(failure.attempt, options);
        // Spread clients that all wake at the window reset over a little time instead of one burst.
        return {
            retry: true,
            delayMs: Math.min(base + random() * Math.min(1_000, base * 0.2 + 50), options.maxDelayMs),
        };
    }
    if (failure.statusCode !== undefined) {
        if (!retryableStatuses.has(failure.statusCode) || !idempotentMethods.has(method)) return { retry: false };
        return { retry: true, delayMs: jittered(failure.attempt, options, random) };
    }
    if (failure.errorCode !== undefined) {
        const retryable =
            unsentNetworkErrors.has(failure.errorCode) ||
            (ambiguousNetworkErrors.has(failure.errorCode) && idempotentMethods.has(method));
        return retryable ? { retry: true, delayMs: jittered(failure.attempt, options, random) } : { retry: false };
    }
    return { retry: false };
}

/**
 * How long a 429 asks us to wait: `Retry-After` (seconds or an HTTP date) when sent, else hookstream's documented
 * `RateLimit-Reset` (seconds until the window resets; docs/hookstream-api.md §4.2). Undefined when neither is usable.
 */
export function rateLimitWaitMs(
    headers: Record<string, string | string[] | undefined>,
    now: number,
): number | undefined {
    const retryAfter = first(headers["retry-after"]);
    if (retryAfter !== undefined) {
        if (/^\s*[-+]?[\d.]+\s*$/.test(retryAfter)) {
            const seconds = Number(retryAfter);
            if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
        } else {
            // Only a real HTTP date: V8 would also read "-5" as a date in year -5.
            const date = Date.parse(retryAfter);
            if (!Number.isNaN(date)) return Math.max(0, date - now);
        }
    }
    const reset = first(headers["ratelimit-reset"]);
    if (reset !== undefined) {
        const seconds = Number(reset);
        if (reset.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1_000;
    }
    return undefined;
}

function backoffMs(attempt: number, options: RetryOptions): number {
    return Math.min(options.baseDelayMs * 2 ** (attempt - 1), options.maxDelayMs);
}

/** "Equal jitter": half the step is fixed, half random, so retries neither synchronise nor collapse to zero. */
function jittered(attempt: number, options: RetryOptions, random: () => number): number {
    const step = backoffMs(attempt, options);
    return step / 2 + random() * (step / 2);
}

function first(value: string | string[] | undefined): string | undefined {
    return Array.isArray(value) ? value[0] : value;
}
