import type { Parsed } from "./parsed";
import { renderError } from "./shapes";
import type { EmulatorState } from "./state";

/** What a handler answers; `server.ts` sends it. */
export interface Reply {
    status: number;
    /** JSON unless a string, which is sent verbatim (a `status` fault may imitate a proxy's HTML page). */
    body?: unknown;
    headers?: Record<string, string>;
}

export type RequestBody = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "text"; text: string };

/** An authenticated request to `/v1/…` that the rate limit let through. */
export interface ApiCall {
    state: EmulatorState;
    project: string;
    /** The route's id segment, decoded; "" for a route without one. */
    id: string;
    query: URLSearchParams;
    body: RequestBody;
}

/** A request to `/_emulator/…`: no key, no project. */
export type ControlCall = Omit<ApiCall, "project">;

export interface Route<Handler> {
    /** The first group, if any, is the resource id. */
    pattern: RegExp;
    methods: Partial<Record<string, Handler>>;
}

export type ApiRoute = Route<(call: ApiCall) => Reply>;
export type ControlRoute = Route<(call: ControlCall) => Reply>;

/** The result of an operation shared by the API, the control API and the programmatic API. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

/** `/v1/notification-channels/:id/test` as a pattern whose one group is the `:id` segment. */
export function routePattern(path: string): RegExp {
    const source = path
        .split("/")
        .map((segment) => (segment === ":id" ? "([^/]+)" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
    return new RegExp(`^${source}$`);
}

export function matchRoute<Handler>(
    routes: ReadonlyArray<Route<Handler>>,
    method: string,
    path: string,
): { handler: Handler; id: string } | Reply {
    for (const route of routes) {
        const match = route.pattern.exec(path);
        if (match === null) continue;
        const handler = route.methods[method];
        if (handler === undefined) {
            return {
                ...errorReply(405, "Method not allowed"),
                headers: { Allow: Object.keys(route.methods).join(", ") },
            };
        }
        const id = decodeSegment(match[1] ?? "");
        return id === undefined ? errorReply(404, "Not found") : { handler, id };
    }
    return errorReply(404, "Not found");
}

export function errorReply(status: number, message: string): Reply {
    return { status, body: renderError(status, message) };
}

export function ok<T>(value: T): Outcome<T> {
    return { ok: true, value };
}

export function fail(status: number, message: string): Outcome<never> {
    return { ok: false, status, message };
}

export function toReply<T>(outcome: Outcome<T>, status: number, render?: (value: T) => unknown): Reply {
    if (!outcome.ok) return errorReply(outcome.status, outcome.message);
    return { status, body: render?.(outcome.value) };
}

/** A body a handler can validate: absent counts as `undefined`, which the schemas report as "expected a JSON object". */
export function jsonOf(body: RequestBody): Parsed<unknown> {
    if (body.kind === "text") return { success: false, message: "Invalid body: malformed JSON" };
    return { success: true, data: body.kind === "json" ? body.value : undefined };
}

/** A handler that takes a JSON body (or none); malformed JSON is a 400. */
export function withJson<Call extends { body: RequestBody }>(
    handler: (call: Call, json: unknown) => Reply,
): (call: Call) => Reply {
    return (call) => {
        const json = jsonOf(call.body);
        return json.success ? handler(call, json.data) : errorReply(400, json.message);
    };
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}
