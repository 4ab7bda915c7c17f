import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Chaos, type ChaosOptions, type ChaosReport } from "./chaos";
import { controlRoutes } from "./control-routes";
import { DanglingReferenceLog, type DanglingReference } from "./dangling-references";
import type { EmulatorKind, MethodsOf } from "./define-kind";
import { assertValidOptions, type EmulatorOptions } from "./emulator-options";
import { FaultQueue } from "./fault-queue";
import type { FaultRule } from "./fault-rule";
import { parseFaultRule } from "./faults";
import { Organization } from "./organization";
import { defaultRateLimit, FixedWindowLimiter } from "./rate-limit";
import { createRequestListener } from "./server";
import { isResponseShape, responseShapes, type ResponseShape } from "./shapes";
import { resetState, type EmulatorState, type RecordedRequest } from "./state";

/** What every running emulator offers, whatever kinds it serves; each kind adds its own methods. */
export interface EmulatorCore {
    /** The base URL including `/v1`, such as `http://127.0.0.1:8787/v1`. */
    readonly url: string;
    /** Every API request received, rejected ones included, in the order they arrived. */
    readonly requests: RecordedRequest[];
    /** The response shape served from now on. */
    shape: ResponseShape;
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
    /** Sets what every request, and every write on top, waits before it is served (`latencyMs`, `writeLatencyMs`). */
    setLatency(latency: { latencyMs?: number; writeLatencyMs?: number }): void;
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

/**
 * Starts a hookstream-compatible API for `kinds` on 127.0.0.1; resolves once it is listening. `startEmulator` passes
 * the built-in kinds (`kinds.ts`); a test may pass more.
 */
export async function startEmulatorWith<Kinds extends readonly EmulatorKind[]>(
    options: EmulatorOptions,
    kinds: Kinds,
): Promise<EmulatorCore & MethodsOf<Kinds>> {
    assertValidOptions(options);
    assertValidKinds(kinds);
    const closing = new AbortController();
    const now = options.now ?? Date.now;
    const organization = new Organization(now);
    const mounted = kinds.map((kind) => kind.mount(organization));
    const state: EmulatorState = {
        organization,
        kinds: new Map(mounted.map((kind) => [kind.name, kind])),
        danglingReferences: new DanglingReferenceLog(),
        faults: new FaultQueue(),
        chaos: options.chaos === undefined ? undefined : new Chaos(options.chaos),
        limiter: new FixedWindowLimiter(options.rateLimit ?? defaultRateLimit, now),
        projects: new Map(Object.entries(options.apiKeys)),
        shape: options.shape ?? "reference",
        retryAfter: options.retryAfter ?? false,
        latencyMs: options.latencyMs ?? 0,
        writeLatencyMs: options.writeLatencyMs ?? 0,
        pageSizeDefault: options.pageSizeDefault ?? 20,
        requests: [],
        onRequest: options.onRequest,
        closing: closing.signal,
    };

    const routes = {
        api: mounted.flatMap((kind) => kind.apiRoutes),
        control: [...mounted.flatMap((kind) => kind.controlRoutes), ...controlRoutes],
    };
    const server = createServer(createRequestListener(state, routes));
    await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 0, "127.0.0.1", () => {
            server.off("error", reject);
            resolve();
        });
    });
    const { port } = server.address() as AddressInfo;

    const core: EmulatorCore = {
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
        danglingReferences: () => state.danglingReferences.all(),
        inject: (fault) => {
            const rule = parseFaultRule(fault);
            if (!rule.success) throw new Error(`inject: ${rule.message}`);
            state.faults.add(rule.data);
        },
        setChaos: (chaos) => {
            state.chaos = chaos === undefined ? undefined : new Chaos(chaos);
        },
        setLatency: ({ latencyMs, writeLatencyMs }) => {
            if (latencyMs !== undefined) state.latencyMs = latencyMs;
            if (writeLatencyMs !== undefined) state.writeLatencyMs = writeLatencyMs;
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
    for (const kind of mounted) {
        for (const [name, method] of Object.entries(kind.methods(state))) {
            if (name in core) {
                await core.close();
                throw new Error(`startEmulator: kind "${kind.name}" redefines the method ${name}`);
            }
            Object.assign(core, { [name]: method });
        }
    }
    // Each kind's methods were added above, under the names its `methods` returned.
    return core as EmulatorCore & MethodsOf<Kinds>;
}

/** Kinds are told apart by name, and may only reference kinds that are served with them. */
function assertValidKinds(kinds: readonly EmulatorKind[]): void {
    const names = new Set<string>();
    for (const kind of kinds) {
        if (names.has(kind.name)) throw new Error(`startEmulator: two kinds are named "${kind.name}"`);
        names.add(kind.name);
    }
    for (const kind of kinds) {
        if (kind.references !== undefined && !names.has(kind.references)) {
            throw new Error(`startEmulator: kind "${kind.name}" references "${kind.references}", which is not served`);
        }
    }
}
