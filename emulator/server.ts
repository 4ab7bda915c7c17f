import { type IncomingMessage, type RequestListener, type ServerResponse, STATUS_CODES } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { type FaultAction, type FaultQueue, parseFaultRule } from "./faults";
import { type FixedWindowLimiter, rateLimitHeaders } from "./rate-limit";
import { mintChannelId, renderChannelPage, renderChannelResponse, renderError, type ResponseShape } from "./shapes";
import type { ChannelStore, StoredChannel } from "./store";
import { parseCreateBody, parseLimit, parseSeedChannel, parseUpdateBody, type Parsed } from "./validate";

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
}

/** Everything a running emulator holds; `index.ts` owns it and hands it to the request listener. */
export interface EmulatorState {
    readonly store: ChannelStore;
    readonly faults: FaultQueue;
    readonly limiter: FixedWindowLimiter;
    /** API key → project. */
    readonly projects: ReadonlyMap<string, string>;
    shape: ResponseShape;
    readonly retryAfter: boolean;
    readonly pageSizeDefault: number;
    requests: RecordedRequest[];
    readonly onRequest?: (request: RecordedRequest) => void;
    /** Aborted by `close()`, so a `latency` fault does not keep the process alive. */
    readonly closing: AbortSignal;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string };

interface Reply {
    status: number;
    /** JSON unless a string, which is sent verbatim (a `status` fault may imitate a proxy's HTML page). */
    body?: unknown;
    headers?: Record<string, string>;
}

type RequestBody = { kind: "none" } | { kind: "json"; value: unknown } | { kind: "text"; text: string };

interface ApiCall {
    state: EmulatorState;
    project: string;
    id: string;
    query: URLSearchParams;
    body: RequestBody;
}

interface ControlCall {
    state: EmulatorState;
    id: string;
    query: URLSearchParams;
    body: RequestBody;
}

interface Route<Handler> {
    /** The first group, if any, is the channel id. */
    pattern: RegExp;
    methods: Partial<Record<string, Handler>>;
}

const notFoundMessage = "Notification channel not found";

const apiRoutes: ReadonlyArray<Route<(call: ApiCall) => Reply>> = [
    { pattern: /^\/v1\/notification-channels$/, methods: { GET: listChannels, POST: createChannel } },
    {
        pattern: /^\/v1\/notification-channels\/([^/]+)$/,
        methods: { GET: getChannel, PATCH: updateChannel, DELETE: deleteChannel },
    },
    { pattern: /^\/v1\/notification-channels\/([^/]+)\/test$/, methods: { POST: testChannel } },
];

/** Unauthenticated, so that a separately started emulator (the CLI) can be inspected and driven. */
const controlRoutes: ReadonlyArray<Route<(call: ControlCall) => Reply>> = [
    {
        pattern: /^\/_emulator\/channels$/,
        methods: {
            GET: ({ state, query }) => ({
                status: 200,
                body: { channels: state.store.all(query.get("project") ?? undefined) },
            }),
            POST: ({ state, body }) => {
                const json = jsonOf(body);
                if (!json.success) return errorReply(400, json.message);
                const { project, ...input } = isObject(json.data) ? json.data : {};
                return toReply(seedChannel(state, project, input), 201, (channel) => ({ channel }));
            },
        },
    },
    {
        pattern: /^\/_emulator\/channels\/([^/]+)$/,
        methods: {
            PATCH: ({ state, id, body }) => {
                const json = jsonOf(body);
                if (!json.success) return errorReply(400, json.message);
                return toReply(patchChannel(state, state.store.get(id), json.data), 200, (channel) => ({ channel }));
            },
            DELETE: ({ state, id }) => toReply(removeChannel(state, state.store.get(id)), 204),
        },
    },
    { pattern: /^\/_emulator\/requests$/, methods: { GET: ({ state }) => ({ status: 200, body: state.requests }) } },
    {
        pattern: /^\/_emulator\/faults$/,
        methods: {
            POST: ({ state, body }) => {
                const json = jsonOf(body);
                const rule = json.success ? parseFaultRule(json.data) : json;
                if (!rule.success) return errorReply(400, rule.message);
                state.faults.add(rule.data);
                return { status: 204 };
            },
            DELETE: ({ state }) => {
                state.faults.clear();
                return { status: 204 };
            },
        },
    },
    {
        pattern: /^\/_emulator\/reset$/,
        methods: {
            POST: ({ state }) => {
                resetState(state);
                return { status: 204 };
            },
        },
    },
];

export function createRequestListener(state: EmulatorState): RequestListener {
    return (req, res) => {
        handle(state, req, res).catch((error: unknown) => {
            // A bug in the emulator: answer as hookstream would (ERR) rather than leave the client hanging.
            process.emitWarning(error instanceof Error ? error : String(error));
            if (res.headersSent) res.destroy();
            else send(res, errorReply(500, "Internal server error"));
        });
    };
}

/** As a fresh start: no channels, requests, faults or rate-limit windows. */
export function resetState(state: EmulatorState): void {
    state.store.clear();
    state.requests = [];
    state.faults.clear();
    state.limiter.clear();
}

/** A channel put in place out of band, as if someone had used the dashboard. */
export function seedChannel(state: EmulatorState, project: unknown, input: unknown): Outcome<StoredChannel> {
    if (typeof project !== "string" || ![...state.projects.values()].includes(project)) {
        return fail(400, "Invalid body: 'project' must name the project of a configured API key");
    }
    const parsed = parseSeedChannel(input);
    if (!parsed.success) return fail(400, parsed.message);
    return { ok: true, value: state.store.create(project, mintChannelId(state.shape), parsed.data) };
}

export function patchChannel(
    state: EmulatorState,
    channel: StoredChannel | undefined,
    body: unknown,
): Outcome<StoredChannel> {
    if (channel === undefined) return fail(404, notFoundMessage);
    const patch = parseUpdateBody(body, channel.channel_type);
    if (!patch.success) return fail(400, patch.message);
    return { ok: true, value: state.store.update(channel, patch.data) };
}

export function removeChannel(state: EmulatorState, channel: StoredChannel | undefined): Outcome<undefined> {
    if (channel === undefined) return fail(404, notFoundMessage);
    state.store.delete(channel.id);
    return { ok: true, value: undefined };
}

async function handle(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const body = await readBody(req);
    if (url.pathname.startsWith("/_emulator/")) {
        const route = matchRoute(controlRoutes, method, url.pathname);
        send(res, "handler" in route ? route.handler({ state, id: route.id, query: url.searchParams, body }) : route);
        return;
    }

    const apiKey = apiKeyOf(req);
    // X-API-Key only: AUTH says hookstream has no bearer tokens, whatever the generated snippets send (§8 row 7).
    const project = apiKey === undefined ? undefined : state.projects.get(apiKey);
    const record: RecordedRequest = {
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        status: 0,
        apiKeyPresent: apiKey !== undefined,
    };
    if (project !== undefined) record.project = project;
    if (body.kind !== "none") record.body = body.kind === "json" ? body.value : body.text;
    state.requests.push(record);
    const finish = (status: number) => {
        record.status = status;
        state.onRequest?.(record);
    };

    const fault = state.faults.take(method, url.pathname);
    if (fault !== undefined) record.fault = fault.type;
    if (fault?.type === "latency") {
        const waited = await delay(fault.ms, true, { signal: state.closing }).catch(() => false);
        if (!waited) {
            res.destroy();
            return finish(0);
        }
    }
    if (fault?.type === "drop") {
        res.destroy();
        return finish(0);
    }
    if (fault?.type === "status") {
        send(res, { status: fault.status, body: fault.body ?? defaultFaultBody(fault.status), headers: fault.headers });
        return finish(fault.status);
    }

    const reply = serveApi(state, method, url, project, body);
    switch (fault?.type) {
        case "lose-response":
            res.destroy();
            return finish(0);
        case "malformed": {
            const json = JSON.stringify(reply.body ?? {});
            // A proper prefix of an object's JSON never parses.
            const cut = json.slice(0, Math.max(1, Math.floor(json.length / 2)));
            send(res, { status: 200, body: cut, headers: { "Content-Type": "application/json", ...reply.headers } });
            return finish(200);
        }
        case "empty":
            send(res, { status: 200, headers: { "Content-Type": "application/json", ...reply.headers } });
            return finish(200);
        default:
            send(res, reply);
            return finish(reply.status);
    }
}

/** Route, then authenticate, then count against the rate limit: unknown paths are 404 with or without a key. */
function serveApi(
    state: EmulatorState,
    method: string,
    url: URL,
    project: string | undefined,
    body: RequestBody,
): Reply {
    const route = matchRoute(apiRoutes, method, url.pathname);
    if (!("handler" in route)) return route;
    if (project === undefined) return errorReply(401, "Invalid API key");
    // Limits are per organization (PAG); every project of the emulator is in its one organization.
    const window = state.limiter.take(state.store.orgId);
    const reply = window.allowed
        ? route.handler({ state, project, id: route.id, query: url.searchParams, body })
        : errorReply(429, "Rate limit exceeded");
    return { ...reply, headers: { ...rateLimitHeaders(window, state.retryAfter), ...reply.headers } };
}

function listChannels({ state, project, query }: ApiCall): Reply {
    const limit = parseLimit(query.get("limit"), state.pageSizeDefault);
    if (!limit.success) return errorReply(400, limit.message);
    const page = state.store.page(project, limit.data, query.get("cursor") || undefined);
    if (page === undefined) return errorReply(400, "Invalid query: 'cursor' is not a cursor this server issued");
    return { status: 200, body: renderChannelPage(page.channels, page.cursor, state.shape) };
}

function createChannel({ state, project, body }: ApiCall): Reply {
    const json = jsonOf(body);
    const parsed = json.success ? parseCreateBody(json.data) : json;
    if (!parsed.success) return errorReply(400, parsed.message);
    const channel = state.store.create(project, mintChannelId(state.shape), parsed.data);
    return { status: 201, body: renderChannelResponse(channel, state.shape) };
}

function getChannel({ state, project, id }: ApiCall): Reply {
    const channel = state.store.find(project, id);
    if (channel === undefined) return errorReply(404, notFoundMessage);
    return { status: 200, body: renderChannelResponse(channel, state.shape) };
}

function updateChannel({ state, project, id, body }: ApiCall): Reply {
    const json = jsonOf(body);
    if (!json.success) return errorReply(400, json.message);
    const outcome = patchChannel(state, state.store.find(project, id), json.data);
    return toReply(outcome, 200, (channel) => renderChannelResponse(channel, state.shape));
}

function deleteChannel({ state, project, id }: ApiCall): Reply {
    return toReply(removeChannel(state, state.store.find(project, id)), 200, () => ({ success: true }));
}

function testChannel({ state, project, id }: ApiCall): Reply {
    const channel = state.store.find(project, id);
    if (channel === undefined) return errorReply(404, notFoundMessage);
    return { status: 200, body: state.store.test(channel) };
}

function matchRoute<Handler>(
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

function errorReply(status: number, message: string): Reply {
    return { status, body: renderError(status, message) };
}

function fail(status: number, message: string): Outcome<never> {
    return { ok: false, status, message };
}

function toReply<T>(outcome: Outcome<T>, status: number, render?: (value: T) => unknown): Reply {
    if (!outcome.ok) return errorReply(outcome.status, outcome.message);
    return { status, body: render?.(outcome.value) };
}

/** What a `status` fault says when the rule gives no body; hookstream's own wording where ERR has one. */
function defaultFaultBody(status: number): Record<string, unknown> {
    const messages: Record<number, string> = {
        401: "Invalid API key",
        429: "Rate limit exceeded",
        500: "Internal server error",
    };
    return renderError(status, messages[status] ?? STATUS_CODES[status] ?? `HTTP ${status}`);
}

function send(res: ServerResponse, reply: Reply): void {
    let payload = "";
    if (typeof reply.body === "string") {
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
        payload = reply.body;
    } else if (reply.body !== undefined) {
        res.setHeader("Content-Type", "application/json");
        payload = JSON.stringify(reply.body);
    }
    // setHeader is case-insensitive, so a rule's own Content-Type wins.
    for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
    res.writeHead(reply.status).end(payload);
}

function apiKeyOf(req: IncomingMessage): string | undefined {
    const value = req.headers["x-api-key"];
    const key = Array.isArray(value) ? value[0] : value;
    return key === undefined || key === "" ? undefined : key;
}

async function readBody(req: IncomingMessage): Promise<RequestBody> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    if (text === "") return { kind: "none" };
    try {
        return { kind: "json", value: JSON.parse(text) as unknown };
    } catch {
        return { kind: "text", text };
    }
}

/** A body a handler can validate: absent counts as `undefined`, which the schemas report as "expected a JSON object". */
function jsonOf(body: RequestBody): Parsed<unknown> {
    if (body.kind === "text") return { success: false, message: "Invalid body: malformed JSON" };
    return { success: true, data: body.kind === "json" ? body.value : undefined };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function decodeSegment(segment: string): string | undefined {
    try {
        return decodeURIComponent(segment);
    } catch {
        return undefined;
    }
}
