import type { FaultAction } from "./fault-rule";

/**
 * Random faults for soak tests: a seeded generator decides, for each API request, whether it fails and how. The
 * faults are the ones `faults.ts` defines, so the server applies them exactly as it applies injected ones; chaos
 * only chooses. Every decision takes the same number of draws, so the same seed and the same sequence of requests
 * give the same decisions, whatever was decided before.
 */

export interface ChaosOptions {
    /** Any integer; the same seed gives the same sequence of decisions. */
    seed: number;
    /**
     * The share of API requests that get a fault, from 0 to 1.
     * @example 0.2
     */
    rate: number;
}

/** Each kind of fault chaos draws from, named after what the client sees. */
export const chaosFaultKinds = [
    /** 429 with `Retry-After` (hookstream does not document it; a client must honour it when sent). */
    "429-retry-after",
    /** 429 with only hookstream's documented `RateLimit-*` headers (docs/hookstream-api.md §4.2). */
    "429-ratelimit-headers",
    /** 429 with no hint at all: the client must back off on its own. */
    "429-bare",
    "500",
    "502",
    "503",
    "504",
    /** The connection is cut before the request is handled: nothing happened. */
    "drop",
    /** The request is handled, then the connection is cut: it happened, but the client cannot know. */
    "lose-response",
    /** The request is handled, then answered with JSON cut short. */
    "malformed",
    /** The request is handled, then answered with an empty body. */
    "empty",
    /** The request waits, then is handled normally. */
    "latency",
] as const;
export type ChaosFaultKind = (typeof chaosFaultKinds)[number];

/** How long a `latency` fault holds a request, in ms: a spike, well under any client timeout. */
export const chaosLatencyMs = { min: 200, max: 800 } as const;
/** The seconds a 429 asks the client to wait: short, so a soak spends its time on requests rather than waits. */
const chaosWaitSeconds = { min: 1, max: 2 } as const;

export interface ChaosDecision {
    kind: ChaosFaultKind;
    action: FaultAction;
}

/** A snapshot of chaos: its settings and how many faults of each kind it has injected so far. */
export interface ChaosReport extends ChaosOptions {
    /** Requests chaos has decided on, faulted or not. */
    decisions: number;
    injected: Record<ChaosFaultKind, number>;
    /** The sum of `injected`. */
    total: number;
}

export class Chaos {
    readonly #options: ChaosOptions;
    readonly #random: () => number;
    #decisions = 0;
    readonly #injected = Object.fromEntries(chaosFaultKinds.map((kind) => [kind, 0])) as Record<ChaosFaultKind, number>;

    constructor(options: ChaosOptions) {
        const problem = parseChaosOptions(options);
        if (problem !== undefined) throw new Error(`chaos: ${problem}`);
        this.#options = { seed: options.seed, rate: options.rate };
        this.#random = seededRandom(options.seed);
    }

    /** The fault for the next API request, if any; counted as injected. */
    decide(): ChaosDecision | undefined {
        this.#decisions += 1;
        // Always three draws, so one decision never shifts the ones after it.
        const [strike, pick, parameter] = [this.#random(), this.#random(), this.#random()];
        if (strike >= this.#options.rate) return undefined;
        const kind = chaosFaultKinds[Math.floor(pick * chaosFaultKinds.length)]!;
        this.#injected[kind] += 1;
        return { kind, action: actionFor(kind, parameter) };
    }

    report(): ChaosReport {
        const injected = { ...this.#injected };
        const total = Object.values(injected).reduce((sum, count) => sum + count, 0);
        return { ...this.#options, decisions: this.#decisions, injected, total };
    }
}

/** What is wrong with the options, or undefined when they are valid. */
export function parseChaosOptions(options: ChaosOptions): string | undefined {
    if (!Number.isSafeInteger(options?.seed)) return "seed must be an integer";
    if (!(typeof options.rate === "number" && options.rate >= 0 && options.rate <= 1)) {
        return "rate must be a number from 0 to 1";
    }
    return undefined;
}

/** `parameter` is a draw from [0, 1) that sets whatever the kind leaves open (a wait, a delay). */
function actionFor(kind: ChaosFaultKind, parameter: number): FaultAction {
    const between = (range: { min: number; max: number }) =>
        range.min + Math.floor(parameter * (range.max - range.min + 1));
    switch (kind) {
        case "429-retry-after":
            return { type: "status", status: 429, headers: { "Retry-After": String(between(chaosWaitSeconds)) } };
        case "429-ratelimit-headers":
            return {
                type: "status",
                status: 429,
                headers: {
                    "RateLimit-Limit": "1000",
                    "RateLimit-Remaining": "0",
                    "RateLimit-Reset": String(between(chaosWaitSeconds)),
                },
            };
        case "429-bare":
            return { type: "status", status: 429 };
        case "500":
        case "502":
        case "503":
        case "504":
            return { type: "status", status: Number(kind) };
        case "latency":
            return { type: "latency", ms: between(chaosLatencyMs) };
        default:
            return { type: kind };
    }
}

/**
 * mulberry32: a 32-bit generator, small and fast, good enough to spread faults (not for anything secret). Returns
 * numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    };
}
