import type { Chaos, ChaosFaultKind } from "./chaos";
import type { DanglingReferenceLog, ReferenceSource } from "./dangling-references";
import type { FaultQueue } from "./fault-queue";
import type { FaultAction } from "./fault-rule";
import type { Organization } from "./organization";
import type { ProjectRecord, ProjectStore } from "./project-store";
import type { FixedWindowLimiter } from "./rate-limit";
import type { ResponseShape } from "./shapes";

/** One request to the hookstream API (`/v1/…`), as the emulator saw it. Control requests are not recorded. */
export interface RecordedRequest {
    method: string;
    /** The path without its query string, such as `/v1/notification-channels`. */
    path: string;
    query: Record<string, string>;
    /** The project of the API key, when the key is one the emulator knows. */
    project?: string;
    /** The status sent; 0 while in flight or when no response was sent (`drop`, `lose-response`, closing). */
    status: number;
    /** The body as JSON; its raw text when it is not JSON. */
    body?: unknown;
    apiKeyPresent: boolean;
    /** The injected fault that shaped this exchange. */
    fault?: FaultAction["type"];
    /** When chaos chose that fault: which kind it drew. */
    chaos?: ChaosFaultKind;
}

/** What the state holds of one resource kind (`define-kind.ts` makes it). */
export interface KindState {
    readonly name: string;
    readonly noun: string;
    readonly store: ProjectStore<ProjectRecord>;
    readonly references?: ReferenceSource;
}

/** Everything a running emulator holds; `start-emulator.ts` owns it and hands it to the request listener. */
export interface EmulatorState {
    readonly organization: Organization;
    /** Every served kind, by name. */
    readonly kinds: ReadonlyMap<string, KindState>;
    readonly danglingReferences: DanglingReferenceLog;
    readonly faults: FaultQueue;
    /** Random faults for requests no injected rule matches; off when undefined. */
    chaos?: Chaos;
    readonly limiter: FixedWindowLimiter;
    /** API key → project. */
    readonly projects: ReadonlyMap<string, string>;
    shape: ResponseShape;
    readonly retryAfter: boolean;
    /** What every API request waits before it is served (a distant server). */
    latencyMs: number;
    /** What every write waits on top of that (a slow API). */
    writeLatencyMs: number;
    readonly pageSizeDefault: number;
    requests: RecordedRequest[];
    readonly onRequest?: (request: RecordedRequest) => void;
    /** Aborted by `close()`, so a `latency` fault does not keep the process alive. */
    readonly closing: AbortSignal;
}

/** As a fresh start: no records of any kind, requests, faults, dangling references or rate-limit windows. */
export function resetState(state: EmulatorState): void {
    for (const kind of state.kinds.values()) kind.store.clear();
    state.danglingReferences.clear();
    state.requests = [];
    state.faults.clear();
    state.limiter.clear();
}

/** Looks for records left listing deleted ones (rules and their channels); run after every change. */
export function checkReferences(state: EmulatorState, after: string, request?: RecordedRequest): void {
    const index = request === undefined ? -1 : state.requests.indexOf(request);
    const moment = index === -1 ? { after } : { requestIndex: index, after };
    const sources = [...state.kinds.values()].flatMap((kind) => kind.references ?? []);
    const exists = (kind: string, project: string, id: string) => findRecord(state, kind, project, id) !== undefined;
    state.danglingReferences.check(sources, exists, moment);
}

/** A record of the named kind in `project`; undefined when missing, in another project, or the kind is not served. */
export function findRecord(state: EmulatorState, kind: string, project: string, id: string): ProjectRecord | undefined {
    return state.kinds.get(kind)?.store.find(project, id);
}

export function isKnownProject(state: EmulatorState, project: unknown): project is string {
    return typeof project === "string" && [...state.projects.values()].includes(project);
}
