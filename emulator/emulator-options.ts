import { parseChaosOptions, type ChaosOptions } from "./chaos";
import { maxPageSize } from "./parse";
import { isResponseShape, responseShapes, type ResponseShape } from "./shapes";
import type { RecordedRequest } from "./state";

export interface EmulatorOptions {
    /**
     * The port to listen on; the host is always 127.0.0.1.
     * @default 0 (a free port; read it from `url`)
     */
    port?: number;
    /**
     * API key → project name. Each project is its own environment (`env_id`), all in one organization; a key sees
     * only its project's channels and alert rules.
     * @example { hs_test_abc: "dev", hs_test_def: "prod" }
     */
    apiKeys: Record<string, string>;
    /**
     * Which of hookstream's documented response shapes to serve (`docs/hookstream-api.md §1.7`, §6.9, §8); settable
     * later through `Emulator.shape`.
     * @default "reference"
     */
    shape?: ResponseShape;
    /**
     * A fixed window per organization, as hookstream limits authenticated calls (PAG, `docs/hookstream-api.md §4.2`).
     * @default { limit: 1000, windowMs: 60000 }, the docs' example limit
     */
    rateLimit?: { limit: number; windowMs: number };
    /**
     * Also send `Retry-After` (seconds) with a 429. hookstream does not document it.
     * @default false
     */
    retryAfter?: boolean;
    /**
     * Milliseconds every API request waits before it is served: hookstream.io as a distant server, for benchmarks
     * and for tests of what users wait for. Faults still apply on top.
     * @default 0
     */
    latencyMs?: number;
    /**
     * Milliseconds every write (POST, PATCH, DELETE) waits on top of `latencyMs` before it is carried out: a slow
     * API, under which a killed client leaves several writes in flight that hookstream still carries out. Settable
     * later through `Emulator.setLatency`.
     * @default 0
     */
    writeLatencyMs?: number;
    /**
     * The page size of a list without `?limit=`; at most 100.
     * @default 20
     */
    pageSizeDefault?: number;
    /**
     * The clock, in ms since the epoch, for timestamps and rate-limit windows; tests pass a fake one.
     * @default Date.now
     */
    now?: () => number;
    /** Called once each API request is answered (or dropped). The CLI logs with it. */
    onRequest?: (request: RecordedRequest) => void;
    /**
     * Random faults on about `rate` of API requests, chosen by a generator seeded with `seed`: 429s with and without
     * wait hints, 5xx, cut connections, lost, cut-short or empty answers after the operation, latency spikes.
     * Settable later through `Emulator.setChaos`. Off by default.
     * @example { seed: 42, rate: 0.2 }
     */
    chaos?: ChaosOptions;
}

/** Throws `startEmulator: <what is wrong>` for options no emulator can start with. */
export function assertValidOptions(options: EmulatorOptions): void {
    const problem = (what: string) => new Error(`startEmulator: ${what}`);
    const keys = Object.entries(options?.apiKeys ?? {});
    if (keys.length === 0) throw problem("apiKeys must map at least one API key to a project");
    for (const [key, project] of keys) {
        if (key === "" || typeof project !== "string" || project === "") {
            throw problem("every API key must be non-empty and map to a non-empty project name");
        }
    }
    const { port, shape, rateLimit, pageSizeDefault, now, latencyMs, chaos } = options;
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
        throw problem("port must be an integer from 0 to 65535");
    }
    if (shape !== undefined && !isResponseShape(shape)) {
        throw problem(`shape must be one of ${responseShapes.join(", ")}`);
    }
    if (
        rateLimit !== undefined &&
        !(Number.isInteger(rateLimit.limit) && rateLimit.limit > 0 && rateLimit.windowMs > 0)
    ) {
        throw problem("rateLimit needs a positive integer limit and a positive windowMs");
    }
    if (latencyMs !== undefined && !(Number.isInteger(latencyMs) && latencyMs >= 0)) {
        throw problem("latencyMs must be a whole number of milliseconds, 0 or more");
    }
    if (
        pageSizeDefault !== undefined &&
        !(Number.isInteger(pageSizeDefault) && pageSizeDefault >= 1 && pageSizeDefault <= maxPageSize)
    ) {
        throw problem(`pageSizeDefault must be an integer from 1 to ${maxPageSize}`);
    }
    if (now !== undefined && typeof now !== "function") throw problem("now must be a function returning ms");
    const chaosProblem = chaos === undefined ? undefined : parseChaosOptions(chaos);
    if (chaosProblem !== undefined) throw problem(`chaos: ${chaosProblem}`);
}
