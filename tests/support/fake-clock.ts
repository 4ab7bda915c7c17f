import type { Clock } from "../../provider/core/deadline";

interface Timer {
    due: number;
    run: () => void;
}

/**
 * A clock whose time moves only when a test moves it. `pending` counts the timers set and neither run nor cleared, so a
 * test can prove that an abort left none behind.
 *
 * With `passWaits`, whenever more than one timer is pending the clock jumps to the earliest and runs it: a lone
 * operation's waits (a backoff, a rate-limit wait) then pass at once, while its deadline, the other pending timer,
 * still counts them. `jumps` records how far each jump went.
 */
export class FakeClock implements Clock {
    #now: number;
    readonly #timers = new Set<Timer>();
    readonly #passWaits: boolean;
    #onSet: (() => void) | undefined;
    readonly jumps: number[] = [];

    constructor(options: { passWaits?: boolean; start?: number } = {}) {
        this.#now = options.start ?? Date.parse("2026-03-01T00:00:00Z");
        this.#passWaits = options.passWaits ?? false;
    }

    readonly now = (): number => this.#now;

    readonly setTimeout = (run: () => void, delayMs: number): unknown => {
        const timer: Timer = { due: this.#now + Math.max(0, delayMs), run };
        this.#timers.add(timer);
        this.#onSet?.();
        // After the caller has its handle and has finished what it was doing.
        if (this.#passWaits) setImmediate(() => this.#timers.size > 1 && this.runNext());
        return timer;
    };

    readonly clearTimeout = (handle: unknown): void => {
        this.#timers.delete(handle as Timer);
    };

    get pending(): number {
        return this.#timers.size;
    }

    /** Moves time to the earliest pending timer and runs it; returns how far time moved. */
    runNext(): number {
        const next = this.#earliest();
        if (next === undefined) return 0;
        const jump = next.due - this.#now;
        this.jumps.push(jump);
        this.#fire(next);
        return jump;
    }

    /** Moves time forward by `ms`, running every timer that falls due on the way, in order. */
    advance(ms: number): void {
        const target = this.#now + ms;
        for (let next = this.#earliest(); next !== undefined && next.due <= target; next = this.#earliest()) {
            this.#fire(next);
        }
        this.#now = target;
    }

    /** Resolves once at least `count` timers are pending. */
    whenPending(count: number): Promise<void> {
        return new Promise((resolve) => {
            const check = () => {
                if (this.#timers.size < count) return;
                this.#onSet = undefined;
                resolve();
            };
            this.#onSet = check;
            check();
        });
    }

    #earliest(): Timer | undefined {
        let earliest: Timer | undefined;
        for (const timer of this.#timers) if (earliest === undefined || timer.due < earliest.due) earliest = timer;
        return earliest;
    }

    #fire(timer: Timer): void {
        this.#timers.delete(timer);
        this.#now = Math.max(this.#now, timer.due);
        timer.run();
    }
}
