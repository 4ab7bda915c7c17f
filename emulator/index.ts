import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultQueue, parseFaultRule, type FaultRule } from "./faults";
import { defaultRateLimit, FixedWindowLimiter } from "./rate-limit";
import {
    createRequestListener,
    patchChannel,
    removeChannel,
    resetState,
    seedChannel,
    type EmulatorState,
    type Outcome,
    type RecordedRequest,
} from "./server";
import { isResponseShape, responseShapes, type ResponseShape } from "./shapes";
import { ChannelStore, type StoredChannel } from "./store";
import { maxPageSize } from "./validate";

export type { FaultAction, FaultRule } from "./faults";
export type { RecordedRequest } from "./server";
export type { ResponseShape } from "./shapes";
export type { StoredChannel } from "./store";

export interface EmulatorOptions {
    /**
     * The port to listen on; the host is always 127.0.0.1.
     * @default 0 (a free port; read it from `url`)
     */
    port?: number;
    /**
     * API key → project name. Each project is its own environment (`env_id`), all in one organization; a key sees
     * only its project's channels.
     * @example { hs_test_abc: "dev", hs_test_def: "prod" }
     */
    apiKeys: Record<string, string>;
    /**
     * Which of hookstream's documented response shapes to serve (hookstream-api.md §8); settable later through
     * `Emulator.shape`.
     * @default "reference"
     */
    shape?: ResponseShape;
    /**
     * A fixed window per organization, as hookstream limits authenticated calls (PAG).
     * @default { limit: 1000, windowMs: 60000 }, the docs' example limit
     */
    rateLimit?: { limit: number; windowMs: number };
    /**
     * Also send `Retry-After` (seconds) with a 429. hookstream does not document it.
     * @default false
     */
    retryAfter?: boolean;
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
}

export interface Emulator {
    /** The base URL including `/v1`, such as `http://127.0.0.1:8787/v1`. */
    readonly url: string;
    /** Every API request received, rejected ones included, in the order they arrived. */
    readonly requests: RecordedRequest[];
    /** The response shape served from now on. */
    shape: ResponseShape;
    /** Copies of the stored channels, oldest first: `config` as an object, `enabled` a boolean, ISO timestamps. */
    channels(project?: string): StoredChannel[];
    /** Adds a channel as if made in hookstream's dashboard. Throws when the input would be refused by the API. */
    createChannel(
        project: string,
        input: { name: string; channel_type: string; config: Record<string, unknown>; enabled?: boolean },
    ): StoredChannel;
    /** Changes a channel out of band; `config` is replaced whole. Throws for an unknown id or invalid values. */
    updateChannel(id: string, patch: Partial<Pick<StoredChannel, "name" | "config" | "enabled">>): StoredChannel;
    /** Deletes a channel out of band. Throws for an unknown id. */
    deleteChannel(id: string): void;
    /** Makes the next matching API request(s) fail as the rule says. Throws for an invalid rule. */
    inject(fault: FaultRule): void;
    clearFaults(): void;
    resetRequests(): void;
    /** As freshly started: no channels, requests, faults or rate-limit windows. Keys and shape stay. */
    reset(): void;
    /** Stops listening and cuts open connections, including requests held by a `latency` fault. */
    close(): Promise<void>;
}

/** Starts a hookstream-compatible API on 127.0.0.1; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
    assertValidOptions(options);
    const closing = new AbortController();
    const now = options.now ?? Date.now;
    const state: EmulatorState = {
        store: new ChannelStore(now),
        faults: new FaultQueue(),
        limiter: new FixedWindowLimiter(options.rateLimit ?? defaultRateLimit, now),
        projects: new Map(Object.entries(options.apiKeys)),
        shape: options.shape ?? "reference",
        retryAfter: options.retryAfter ?? false,
        pageSizeDefault: options.pageSizeDefault ?? 20,
        requests: [],
        onRequest: options.onRequest,
        closing: closing.signal,
    };

    const server = createServer(createRequestListener(state));
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    const { port } = server.address() as AddressInfo;

    return {
        url: `http://127.0.0.1:${port}/v1`,
        get requests() {
            return state.requests;
        },
        get shape() {
            return state.shape;
        },
        set shape(shape: ResponseShape) {
            if (!isResponseShape(shape)) throw new Error(`shape must be one of ${responseShapes.join(", ")}`);
            state.shape = shape;
        },
        channels: (project) => state.store.all(project).map((channel) => structuredClone(channel)),
        createChannel: (project, input) =>
            structuredClone(orThrow("createChannel", seedChannel(state, project, input))),
        updateChannel: (id, patch) =>
            structuredClone(orThrow(`updateChannel(${id})`, patchChannel(state, state.store.get(id), patch))),
        deleteChannel: (id) => orThrow(`deleteChannel(${id})`, removeChannel(state, state.store.get(id))),
        inject: (fault) => {
            const rule = parseFaultRule(fault);
            if (!rule.success) throw new Error(`inject: ${rule.message}`);
            state.faults.add(rule.data);
        },
        clearFaults: () => state.faults.clear(),
        resetRequests: () => {
            state.requests = [];
        },
        reset: () => resetState(state),
        close: () =>
            new Promise<void>((resolve) => {
                closing.abort();
                // The callback gets ERR_SERVER_NOT_RUNNING on a second close; closed is closed.
                server.close(() => resolve());
                server.closeAllConnections();
            }),
    };
}

function orThrow<T>(operation: string, outcome: Outcome<T>): T {
    if (!outcome.ok) throw new Error(`${operation}: ${outcome.message}`);
    return outcome.value;
}

function assertValidOptions(options: EmulatorOptions): void {
    const problem = (what: string) => new Error(`startEmulator: ${what}`);
    const keys = Object.entries(options?.apiKeys ?? {});
    if (keys.length === 0) throw problem("apiKeys must map at least one API key to a project");
    for (const [key, project] of keys) {
        if (key === "" || typeof project !== "string" || project === "") {
            throw problem("every API key must be non-empty and map to a non-empty project name");
        }
    }
    const { port, shape, rateLimit, pageSizeDefault, now } = options;
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
    if (
        pageSizeDefault !== undefined &&
        !(Number.isInteger(pageSizeDefault) && pageSizeDefault >= 1 && pageSizeDefault <= maxPageSize)
    ) {
        throw problem(`pageSizeDefault must be an integer from 1 to ${maxPageSize}`);
    }
    if (now !== undefined && typeof now !== "function") throw problem("now must be a function returning ms");
}
