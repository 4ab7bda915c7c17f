import { type IncomingMessage, type RequestListener, type ServerResponse, STATUS_CODES } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { rateLimitHeaders } from "./rate-limit";
import { errorReply, matchRoute, type ApiRoute, type ControlRoute, type Reply, type RequestBody } from "./routing";
import { renderError } from "./shapes";
import { checkReferences, type EmulatorState, type RecordedRequest } from "./state";

/** What a running emulator answers: every kind's `/v1` routes, and the control API's. */
export interface EmulatorRoutes {
    api: readonly ApiRoute[];
    control: readonly ControlRoute[];
}

/** Methods that may change stored resources; after each, records are checked for dangling references. */
const readOnlyMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export function createRequestListener(state: EmulatorState, routes: EmulatorRoutes): RequestListener {
    return (req, res) => {
        handle(state, routes, req, res).catch((error: unknown) => {
            // A bug in the emulator: answer as hookstream would (ERR) rather than leave the client hanging.
            process.emitWarning(error instanceof Error ? error : String(error));
            if (res.headersSent) res.destroy();
            else send(res, errorReply(500, "Internal server error"));
        });
    };
}

async function handle(
    state: EmulatorState,
    routes: EmulatorRoutes,
    req: IncomingMessage,
    res: ServerResponse,
): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const body = await readBody(req);
    if (url.pathname.startsWith("/_emulator/")) {
        const route = matchRoute(routes.control, method, url.pathname);
        send(res, "handler" in route ? route.handler({ state, id: route.id, query: url.searchParams, body }) : route);
        if (!readOnlyMethods.has(method)) checkReferences(state, `${method} ${url.pathname}`);
        return;
    }

    const apiKey = apiKeyOf(req);
    // X-API-Key only: AUTH says hookstream has no bearer tokens, whatever the generated snippets send
    // (`docs/hookstream-api.md §3.1`, §8 row 7).
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
        if (!readOnlyMethods.has(method)) checkReferences(state, `${method} ${url.pathname}`, record);
        state.onRequest?.(record);
    };

    const latencyMs = state.latencyMs + (readOnlyMethods.has(method) ? 0 : state.writeLatencyMs);
    if (latencyMs > 0 && !(await delay(latencyMs, true, { signal: state.closing }).catch(() => false))) {
        res.destroy();
        return finish(0);
    }
    // An injected rule is what a test asked for, so it wins; chaos decides only for the requests left over.
    const injected = state.faults.take(method, url.pathname);
    const chaotic = injected === undefined ? state.chaos?.decide() : undefined;
    const fault = injected ?? chaotic?.action;
    if (fault !== undefined) record.fault = fault.type;
    if (chaotic !== undefined) record.chaos = chaotic.kind;
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

    const reply = serveApi(state, routes.api, method, url, project, body);
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
    apiRoutes: readonly ApiRoute[],
    method: string,
    url: URL,
    project: string | undefined,
    body: RequestBody,
): Reply {
    const route = matchRoute(apiRoutes, method, url.pathname);
    if (!("handler" in route)) return route;
    if (project === undefined) return errorReply(401, "Invalid API key");
    // Limits are per organization (PAG, `docs/hookstream-api.md §4.2`); every project of the emulator is in its one
    // organization.
    const window = state.limiter.take(state.organization.id);
    const reply = window.allowed
        ? route.handler({ state, project, id: route.id, query: url.searchParams, body })
        : errorReply(429, "Rate limit exceeded");
    return { ...reply, headers: { ...rateLimitHeaders(window, state.retryAfter), ...reply.headers } };
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
