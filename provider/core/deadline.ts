/**
 * An AbortSignal that fires between `budgetMs` and `budgetMs` + 1% (at most 1 s) from now. Operations starting
 * within the same slice of time share one signal: a timer per request (`AbortSignal.timeout`) was a measurable
 * share of each call's cost (npm run bench), and a 5-minute budget does not need millisecond precision.
 */
export function deadlineSignal(budgetMs: number): AbortSignal {
    const now = performance.now();
    const slackMs = Math.min(1_000, Math.ceil(budgetMs / 100));
    const shared = current.get(budgetMs);
    if (shared !== undefined && now - shared.createdAt <= slackMs) return shared.signal;
    // Every request of the slice listens to it until it completes (undici removes its listener then).
    const signal = AbortSignal.timeout(budgetMs + slackMs);
    current.set(budgetMs, { signal, createdAt: now });
    return signal;
}

/** The signal of the current slice, per budget. */
const current = new Map<number, { signal: AbortSignal; createdAt: number }>();
