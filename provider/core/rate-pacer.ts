/**
 * Slows a run down before hookstream refuses it. Every response carries `RateLimit-Limit`, `RateLimit-Remaining`
 * and `RateLimit-Reset` (seconds until the window resets; docs/hookstream-api.md §4.2); one pacer per API key shares them
 * across every request of the process, so a 300-resource `up` at high `--parallel` spends the window's budget and
 * then waits for the next window, instead of bursting into 429s that also count against the limit.
 *
 * Pure apart from the clock it is given: `reserve` says how long to wait, the caller sleeps.
 */
export class RatePacer {
    #limit: number | undefined;
    #remaining: number | undefined;
    #resetAt: number | undefined;
    /** Longest window seen, in ms: how far to move `resetAt` when a window rolls over unobserved. */
    #windowMs = 1_000;
    /** Requests let through before any answer said what the budget is; the first answer counted only one of them. */
    #blind = 0;

    constructor(private readonly now: () => number = Date.now) {}

    /** Takes one request's place in the current window; returns 0 to send now, else ms to wait and ask again. */
    reserve(): number {
        const now = this.now();
        if (this.#resetAt !== undefined && now >= this.#resetAt) {
            // The window ended before anyone told us about the next one: assume a fresh, full window.
            while (this.#resetAt <= now) this.#resetAt += this.#windowMs;
            this.#remaining = this.#limit;
        }
        if (this.#remaining === undefined) {
            this.#blind += 1; // nothing known yet
            return 0;
        }
        if (this.#remaining > 0) {
            this.#remaining -= 1;
            return 0;
        }
        return Math.max(1, (this.#resetAt ?? now) - now);
    }

    /** Learns from any response's headers (lower-case names). Answers arrive out of order: keep the stricter one. */
    observe(headers: Record<string, string | string[] | undefined>): void {
        const limit = numberOf(headers["ratelimit-limit"]);
        const remaining = numberOf(headers["ratelimit-remaining"]);
        const resetSeconds = numberOf(headers["ratelimit-reset"]);
        if (limit === undefined || remaining === undefined || resetSeconds === undefined) return;
        const now = this.now();
        const resetAt = now + resetSeconds * 1_000;
        this.#limit = limit;
        this.#windowMs = Math.max(this.#windowMs, resetSeconds * 1_000);
        // A reset further out than ours by more than the header's 1 s rounding: a new window has begun.
        if (this.#resetAt === undefined) {
            this.#resetAt = resetAt;
            this.#remaining = Math.max(0, remaining - Math.max(0, this.#blind - 1));
        } else if (resetAt > this.#resetAt + 1_000 || now >= this.#resetAt) {
            this.#resetAt = resetAt;
            this.#remaining = remaining;
        } else {
            this.#remaining = Math.min(this.#remaining ?? remaining, remaining);
            // The header is rounded up to whole seconds: the smallest value seen is the closest bound.
            this.#resetAt = Math.min(this.#resetAt, resetAt);
        }
    }
}

function numberOf(value: string | string[] | undefined): number | undefined {
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined || text.trim() === "") return undefined;
    const number = Number(text);
    return Number.isFinite(number) && number >= 0 ? number : undefined;
}

const pacers = new Map<string, RatePacer>();

/** The process-wide pacer for one API key at one hookstream (limits are per organization, keys per project). */
export function pacerFor(origin: string, apiKey: string): RatePacer {
    const key = `${origin}\u0000${apiKey}`;
    let pacer = pacers.get(key);
    if (pacer === undefined) {
        pacer = new RatePacer();
        pacers.set(key, pacer);
    }
    return pacer;
}
