/**
 * hookstream limits authenticated calls per organization and reports the window on every response with the IETF
 * draft headers `RateLimit-Limit`, `-Remaining` and `-Reset` (PAG, `docs/hookstream-api.md §4.2`). The docs' example
 * values are 1000 and a reset of 37 s, hence the default of 1000 per minute.
 */

export interface RateLimit {
    limit: number;
    windowMs: number;
}

export const defaultRateLimit: RateLimit = { limit: 1000, windowMs: 60_000 };

/** Where one call stands in its window. */
export interface RateLimitWindow {
    allowed: boolean;
    limit: number;
    remaining: number;
    /** Whole seconds until the window resets, at least 1 (so a client never waits 0 and hammers). */
    resetSeconds: number;
}

/**
 * Fixed windows aligned to multiples of `windowMs` on the clock, like Cloudflare's own rate limiting. Refused calls
 * count too: hammering a closed window does not reopen it early.
 */
export class FixedWindowLimiter {
    readonly #windows = new Map<string, { start: number; count: number }>();

    constructor(
        private readonly rateLimit: RateLimit,
        private readonly now: () => number,
    ) {}

    take(key: string): RateLimitWindow {
        const { limit, windowMs } = this.rateLimit;
        const now = this.now();
        const start = Math.floor(now / windowMs) * windowMs;
        let window = this.#windows.get(key);
        if (window === undefined || window.start !== start) {
            window = { start, count: 0 };
            this.#windows.set(key, window);
        }
        window.count += 1;
        return {
            allowed: window.count <= limit,
            limit,
            remaining: Math.max(0, limit - window.count),
            resetSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)),
        };
    }

    clear(): void {
        this.#windows.clear();
    }
}

/**
 * `Retry-After` is opt-in: whether hookstream sends it is unknown (PAG is cut off mid-sentence), and a client that
 * only reads `Retry-After` (undici's retry handler does) should be testable both ways.
 */
export function rateLimitHeaders(window: RateLimitWindow, retryAfter: boolean): Record<string, string> {
    const headers: Record<string, string> = {
        "RateLimit-Limit": String(window.limit),
        "RateLimit-Remaining": String(window.remaining),
        "RateLimit-Reset": String(window.resetSeconds),
    };
    if (retryAfter && !window.allowed) headers["Retry-After"] = String(window.resetSeconds);
    return headers;
}
