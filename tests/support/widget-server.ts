import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

/**
 * A tiny hookstream-like API serving one test-only resource, the widget (tests/support/widget-kind.ts): what a kind
 * needs of a server and nothing more. It speaks hookstream's conventions (docs/hookstream-api.md): `X-API-Key`, one
 * project per key named by `env_id` on every object, 404 for another project's object, `{error, request_id}` error
 * bodies, `cursor`/`has_more` pages, a POST that takes no `enabled`, a PATCH that cannot change the discriminator.
 * Faults are injected as the main emulator's are (emulator/faults.ts): a status (with headers), a delay, a dropped
 * connection, or the change made and its answer lost, cut short or empty.
 */

export interface WidgetWire {
    id: string;
    env_id: string;
    name: string;
    enabled: boolean;
    size: number;
    shape: string;
    created_at: string;
    updated_at: string;
}

export type InjectedFault =
    | { type: "status"; status: number; body?: unknown; headers?: Record<string, string> }
    | { type: "latency"; ms: number }
    | { type: "drop" }
    | { type: "lose-response" }
    | { type: "malformed" }
    | { type: "empty" };

export interface FaultRule {
    action: InjectedFault;
    /** Only requests with this method. */
    method?: string;
    /** Only requests whose path contains this string or matches this pattern. */
    path?: string | RegExp;
}

export interface SeenRequest {
    method: string;
    /** Without the query string. */
    path: string;
    query: Record<string, string>;
    body?: unknown;
    /** 0 when no answer was sent. */
    status: number;
}

export interface WidgetServer {
    /** The base URL including `/v1`. */
    readonly url: string;
    readonly requests: SeenRequest[];
    /** Copies of the project's widgets (every project's without one), oldest first. */
    widgets(project?: string): WidgetWire[];
    /** Adds a widget as if made elsewhere; `enabled` defaults to true. */
    createWidget(project: string, input: { name: string; size: number; shape: string; enabled?: boolean }): WidgetWire;
    /** Deletes a widget out of band. */
    deleteWidget(id: string): void;
    /** Makes the next matching request fail as the rule says; rules apply once each, in order. */
    inject(rule: FaultRule): void;
    resetRequests(): void;
    /** No widgets, requests or faults. */
    reset(): void;
    close(): Promise<void>;
}

export const widgetShapes = ["round", "square"] as const;
const collection = "/v1/widgets";
const defaultPageSize = 20;
const maxPageSize = 100;

/** Starts the widget API on 127.0.0.1 at a free port. `apiKeys` maps each key to its project. */
export async function startWidgetServer(apiKeys: Record<string, string>): Promise<WidgetServer> {
    let store: WidgetWire[] = [];
    let faults: FaultRule[] = [];
    let requests: SeenRequest[] = [];
    let nextId = 1;
    let nextRequestId = 1;
    const envOf = (project: string) => `env_${project}`;

    function make(project: string, input: { name: string; size: number; shape: string; enabled?: boolean }) {
        const now = new Date().toISOString();
        const widget: WidgetWire = {
            id: `wg_${(nextId++).toString(16).padStart(8, "0")}`,
            env_id: envOf(project),
            name: input.name,
            enabled: input.enabled ?? true,
            size: input.size,
            shape: input.shape,
            created_at: now,
            updated_at: now,
        };
        store.push(widget);
        return widget;
    }

    function takeFault(method: string, path: string): InjectedFault | undefined {
        const rule = faults.find(
            (candidate) =>
                (candidate.method === undefined || candidate.method === method) &&
                (candidate.path === undefined ||
                    (typeof candidate.path === "string"
                        ? path.includes(candidate.path)
                        : path.search(candidate.path) !== -1)),
        );
        if (rule === undefined) return undefined;
        faults = faults.filter((candidate) => candidate !== rule);
        return rule.action;
    }

    /** Aborted by `close()`, so a `latency` fault does not keep the process alive. */
    const closing = new AbortController();
    const server = createServer((req, res) => {
        void serve(req, res);
    });

    async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString("utf8");
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        const method = req.method ?? "GET";
        const seen: SeenRequest = {
            method,
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            status: 0,
        };
        if (text !== "") seen.body = parseJson(text) ?? text;
        requests.push(seen);
        const requestId = `req_${(nextRequestId++).toString(16).padStart(12, "0")}`;
        const answer = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
            seen.status = status;
            const payload = body === undefined ? "" : JSON.stringify(body);
            res.writeHead(status, { "Content-Type": "application/json", "X-Request-Id": requestId, ...headers });
            res.end(payload);
        };

        const fault = takeFault(method, url.pathname);
        if (fault?.type === "latency") {
            const waited = await delay(fault.ms, true, { signal: closing.signal }).catch(() => false);
            if (!waited) return void res.destroy();
        }
        if (fault?.type === "drop") return void res.destroy();
        if (fault?.type === "status") {
            const body = fault.body ?? { error: `HTTP ${fault.status}`, request_id: requestId };
            return answer(fault.status, body, fault.headers);
        }
        const reply = route(method, url, seen.body, req.headers["x-api-key"], requestId);
        switch (fault?.type) {
            case "lose-response":
                return void res.destroy();
            case "malformed": {
                const json = JSON.stringify(reply.body ?? {});
                seen.status = 200;
                res.writeHead(200, { "Content-Type": "application/json" }).end(json.slice(0, json.length >> 1));
                return;
            }
            case "empty":
                seen.status = 200;
                res.writeHead(200, { "Content-Type": "application/json" }).end();
                return;
            default:
                return answer(reply.status, reply.body);
        }
    }

    function route(
        method: string,
        url: URL,
        body: unknown,
        key: string | string[] | undefined,
        requestId: string,
    ): { status: number; body?: unknown } {
        const error = (status: number, message: string) => ({
            status,
            body: { error: message, request_id: requestId },
        });
        const project = typeof key === "string" ? apiKeys[key] : undefined;
        const isItem = url.pathname.startsWith(`${collection}/`);
        if (url.pathname !== collection && !isItem) return error(404, "Not found");
        if (project === undefined) return error(401, "Invalid API key");
        const mine = store.filter((widget) => widget.env_id === envOf(project));

        if (!isItem) {
            if (method === "GET") {
                const limit = Math.min(Number(url.searchParams.get("limit") ?? defaultPageSize), maxPageSize);
                const start = Number(url.searchParams.get("cursor") ?? 0);
                const page = mine.slice(start, start + limit);
                const hasMore = start + limit < mine.length;
                return {
                    status: 200,
                    body: { widgets: page, cursor: hasMore ? String(start + limit) : null, has_more: hasMore },
                };
            }
            if (method === "POST") {
                const problem = invalidCreate(body);
                if (problem !== undefined) return error(400, problem);
                return { status: 201, body: { widget: make(project, body as WidgetWire) } };
            }
            return error(405, "Method not allowed");
        }

        const widget = mine.find(
            (candidate) => candidate.id === decodeURIComponent(url.pathname.slice(collection.length + 1)),
        );
        if (widget === undefined) return error(404, "Widget not found");
        if (method === "GET") return { status: 200, body: { widget } };
        if (method === "DELETE") {
            store = store.filter((candidate) => candidate !== widget);
            return { status: 204 };
        }
        if (method === "PATCH") {
            const problem = invalidPatch(body);
            if (problem !== undefined) return error(400, problem);
            Object.assign(widget, body as Partial<WidgetWire>, { updated_at: new Date().toISOString() });
            return { status: 200, body: { widget } };
        }
        return error(405, "Method not allowed");
    }

    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;

    return {
        url: `http://127.0.0.1:${port}/v1`,
        get requests() {
            return requests;
        },
        widgets: (project) =>
            store.filter((widget) => project === undefined || widget.env_id === envOf(project)).map((w) => ({ ...w })),
        createWidget: (project, input) => ({ ...make(project, input) }),
        deleteWidget(id) {
            store = store.filter((widget) => widget.id !== id);
        },
        inject(rule) {
            faults.push(rule);
        },
        resetRequests() {
            requests = [];
        },
        reset() {
            store = [];
            faults = [];
            requests = [];
        },
        close: () =>
            new Promise<void>((resolve) => {
                closing.abort();
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

/** Why a POST body is refused: it takes exactly name, size and shape (no `enabled`, as hookstream's POSTs). */
function invalidCreate(body: unknown): string | undefined {
    if (typeof body !== "object" || body === null) return "body must be a JSON object";
    const { name, size, shape, ...rest } = body as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return `unknown fields: ${Object.keys(rest).join(", ")}`;
    if (typeof name !== "string" || name === "") return "name is required";
    if (!Number.isInteger(size)) return "size must be an integer";
    if (!(widgetShapes as readonly unknown[]).includes(shape)) return "shape is invalid";
    return undefined;
}

/** Why a PATCH body is refused: name, enabled and size only; the shape of a widget never changes. */
function invalidPatch(body: unknown): string | undefined {
    if (typeof body !== "object" || body === null) return "body must be a JSON object";
    const { name, enabled, size, ...rest } = body as Record<string, unknown>;
    if (Object.keys(rest).length > 0) return `fields cannot be changed: ${Object.keys(rest).join(", ")}`;
    if (name !== undefined && (typeof name !== "string" || name === "")) return "name must be a non-empty string";
    if (enabled !== undefined && typeof enabled !== "boolean") return "enabled must be a boolean";
    if (size !== undefined && !Number.isInteger(size)) return "size must be an integer";
    return undefined;
}
