/** Where an operation's time comes from: the system's, or a test's fake one that moves only when told to. */
export interface Clock {
    now(): number;
    setTimeout(run: () => void, delayMs: number): unknown;
    clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
    now: Date.now,
    setTimeout: (run, delayMs) => setTimeout(run, delayMs),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * One operation's budget of time: every request, backoff and rate-limit wait of the operation runs inside it. When
 * it runs out, or the caller's signal aborts, `signal` aborts the request in flight and every pending `sleep` clears
 * its timer and rejects at once, so nothing is left to send a request later. `end` releases the timer and listener
 * of an operation that finished first.
 */
export class Deadline {
    readonly #controller = new AbortController();
    readonly #clock: Clock;
    readonly #callerSignal: AbortSignal | undefined;
    readonly #onCallerAbort = () => this.#abort(this.#callerSignal?.reason);
    #timer: unknown;
    #expired = false;

    constructor(budgetMs: number, clock: Clock, callerSignal?: AbortSignal) {
        this.#clock = clock;
        this.#callerSignal = callerSignal;
        if (callerSignal?.aborted) {
            this.#controller.abort(callerSignal.reason);
            return;
        }
        callerSignal?.addEventListener("abort", this.#onCallerAbort, { once: true });
        this.#timer = clock.setTimeout(() => {
            this.#timer = undefined;
            this.#expired = true;
            this.#abort(new DOMException(`The operation's budget of ${budgetMs} ms ran out`, "TimeoutError"));
        }, budgetMs);
    }

    /** Aborts when the budget runs out or the caller aborts; its reason is then the deadline's or the caller's. */
    get signal(): AbortSignal {
        return this.#controller.signal;
    }

    /** True once the budget ran out (as opposed to the caller aborting). */
    get expired(): boolean {
        return this.#expired;
    }

    /** Resolves after `delayMs` on the clock; rejects with the signal's reason as soon as it aborts. */
    sleep(delayMs: number): Promise<void> {
        const signal = this.#controller.signal;
        if (signal.aborted) return Promise.reject(signal.reason as Error);
        return new Promise((resolve, reject) => {
            const onAbort = () => {
                this.#clock.clearTimeout(timer);
                reject(signal.reason as Error);
            };
            const timer = this.#clock.setTimeout(() => {
                signal.removeEventListener("abort", onAbort);
                resolve();
            }, delayMs);
            signal.addEventListener("abort", onAbort, { once: true });
        });
    }

    /** The operation is over: its budget stops counting. */
    end(): void {
        if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
        this.#timer = undefined;
        this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
    }

    #abort(reason: unknown): void {
        this.end();
        this.#controller.abort(reason);
    }
}
