import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { patchAlertRule, removeAlertRule, seedAlertRule } from "./alert-rules/operations";
import { AlertRuleStore, type StoredAlertRule } from "./alert-rules/store";
import { forceTestOutcome, patchChannel, removeChannel, seedChannel } from "./channels/operations";
import { ChannelStore, type StoredChannel } from "./channels/store";
import { Chaos, parseChaosOptions, type ChaosOptions, type ChaosReport } from "./chaos";
import { DanglingReferenceLog, type DanglingReference } from "./dangling-references";
import { FaultQueue, parseFaultRule, type FaultRule } from "./faults";
import { Organization } from "./organization";
import { maxPageSize } from "./parse";
import { defaultRateLimit, FixedWindowLimiter } from "./rate-limit";
import type { Outcome } from "./routing";
import { createRequestListener } from "./server";
import { isResponseShape, responseShapes, type ResponseShape } from "./shapes";
import { checkReferences, resetState, type EmulatorState, type RecordedRequest } from "./state";

export type { StoredAlertRule } from "./alert-rules/store";
export type { RuleType } from "./alert-rules/rule-types";
export type { StoredChannel } from "./channels/store";
export type { ChaosFaultKind, ChaosOptions, ChaosReport } from "./chaos";
export type { TestOutcome } from "./channels/test-outcome";
export type { DanglingReference } from "./dangling-references";
export type { FaultAction, FaultRule } from "./faults";
export type { ResponseShape } from "./shapes";
export type { RecordedRequest } from "./state";

/** An alert rule as `POST /v1/alert-rules` takes it (wire field names), plus `enabled` for a rule made out of band. */
export interface AlertRuleInput {
    name: string;
    description?: string;
    /** `failure_rate`, `latency`, `volume_drop`, `dlq` or `issue_opened`. */
    rule_type: string;
    /** Per type, as `alert-rules/rule-config.ts` lists; omitted counts as `{}`. */
    rule_config?: Record<string, unknown>;
    source_id?: string;
    destination_id?: string;
    /** Ids of channels of the same project. @default [] */
    channel_ids?: string[];
    /** @default 60 */
    cooldown_minutes?: number;
    /** @default true */
    enabled?: boolean;
}

/** A change as `PATCH /v1/alert-rules/{id}` takes it: `rule_config` and `channel_ids` replace; `null` clears a scope. */
export interface AlertRulePatch {
    name?: string;
    description?: string;
    enabled?: boolean;
    rule_config?: Record<string, unknown>;
    source_id?: string | null;
    destination_id?: string | null;
    channel_ids?: string[];
    cooldown_minutes?: number;
}

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
     * Which of hookstream's documented response shapes to serve (hookstream-api.md §8, hookstream-alert-rules.md §8);
     * settable later through `Emulator.shape`.
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
     * Milliseconds every API request waits before it is served: hookstream.io as a distant server, for benchmarks
     * and for tests of what users wait for. Faults still apply on top.
     * @default 0
     */
    latencyMs?: number;
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
    /** Deletes a channel out of band, whatever rules reference it. Throws for an unknown id. */
    deleteChannel(id: string): void;
    /**
     * Makes every later `POST …/test` of the channel answer this outcome, until it is set again, the channel is
     * deleted or the emulator reset; `undefined` goes back to the default (a host under `.invalid` or a disabled
     * channel fails, anything else succeeds). A failure without `error` gets a generic message. Throws for an unknown
     * id, or an `error` that holds the channel's URL or secret.
     */
    setTestOutcome(channelId: string, outcome: { success: boolean; error?: string | null } | undefined): void;
    /** Copies of the stored alert rules, oldest first: `rule_config` an object, `channel_ids` an array, ISO timestamps. */
    alertRules(project?: string): StoredAlertRule[];
    /** Adds a rule as if made in hookstream's dashboard. Throws when the API would refuse the input. */
    createAlertRule(project: string, input: AlertRuleInput): StoredAlertRule;
    /** Changes a rule out of band, validated as a PATCH. Throws for an unknown id or a change the API would refuse. */
    patchAlertRule(id: string, patch: AlertRulePatch): StoredAlertRule;
    /** Deletes a rule out of band. Throws for an unknown id. */
    removeAlertRule(id: string): void;
    /**
     * Every moment a stored rule listed a channel id that no longer existed, checked after each API request that
     * may change something (any method but GET/HEAD/OPTIONS), each control-API change and each out-of-band change.
     * Empty when whoever drove the API never deleted a channel before the rules that use it.
     */
    danglingReferences(): DanglingReference[];
    /**
     * Turns chaos on with a fresh generator (and fresh counts), or off with `undefined`. Injected rules still win over
     * chaos. Throws for invalid options.
     */
    setChaos(options: ChaosOptions | undefined): void;
    /** The current chaos settings and the faults it injected since it was last set; undefined while off. */
    chaos(): ChaosReport | undefined;
    /** Makes the next matching API request(s) fail as the rule says. Throws for an invalid rule. */
    inject(fault: FaultRule): void;
    clearFaults(): void;
    resetRequests(): void;
    /**
     * As freshly started: no channels, alert rules, forced test outcomes, requests, faults, dangling references or
     * rate-limit windows. Keys, shape and chaos stay.
     */
    reset(): void;
    /** Stops listening and cuts open connections, including requests held by a `latency` fault. */
    close(): Promise<void>;
}

/** Starts a hookstream-compatible API on 127.0.0.1; resolves once it is listening. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
    assertValidOptions(options);
    const closing = new AbortController();
    const now = options.now ?? Date.now;
    const organization = new Organization(now);
    const state: EmulatorState = {
        organization,
        channels: new ChannelStore(organization),
        alertRules: new AlertRuleStore(organization),
        danglingReferences: new DanglingReferenceLog(),
        faults: new FaultQueue(),
        chaos: options.chaos === undefined ? undefined : new Chaos(options.chaos),
        limiter: new FixedWindowLimiter(options.rateLimit ?? defaultRateLimit, now),
        projects: new Map(Object.entries(options.apiKeys)),
        shape: options.shape ?? "reference",
        retryAfter: options.retryAfter ?? false,
        latencyMs: options.latencyMs ?? 0,
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
    /** An out-of-band change: a copy of its result, or an error; then rules are checked for dangling channel ids. */
    const change = <T>(operation: string, outcome: Outcome<T>): T => {
        const value = orThrow(operation, outcome);
        checkReferences(state, operation.replace(/\(.*$/, ""));
        return structuredClone(value);
    };

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
        channels: (project) => state.channels.all(project).map((channel) => structuredClone(channel)),
        createChannel: (project, input) => change("createChannel", seedChannel(state, project, input)),
        updateChannel: (id, patch) =>
            change(`updateChannel(${id})`, patchChannel(state, state.channels.get(id), patch)),
        deleteChannel: (id) => change(`deleteChannel(${id})`, removeChannel(state, state.channels.get(id))),
        setTestOutcome: (channelId, outcome) =>
            orThrow(`setTestOutcome(${channelId})`, forceTestOutcome(state, state.channels.get(channelId), outcome)),
        alertRules: (project) => state.alertRules.all(project).map((rule) => structuredClone(rule)),
        createAlertRule: (project, input) => change("createAlertRule", seedAlertRule(state, project, input)),
        patchAlertRule: (id, patch) =>
            change(`patchAlertRule(${id})`, patchAlertRule(state, state.alertRules.get(id), patch)),
        removeAlertRule: (id) => change(`removeAlertRule(${id})`, removeAlertRule(state, state.alertRules.get(id))),
        danglingReferences: () => state.danglingReferences.all(),
        inject: (fault) => {
            const rule = parseFaultRule(fault);
            if (!rule.success) throw new Error(`inject: ${rule.message}`);
            state.faults.add(rule.data);
        },
        setChaos: (chaos) => {
            state.chaos = chaos === undefined ? undefined : new Chaos(chaos);
        },
        chaos: () => state.chaos?.report(),
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
