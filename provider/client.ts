import { Agent, interceptors, type Dispatcher } from "undici";
import { deadlineSignal } from "./deadline";
import { ApiError, BadResponseError, NetworkError, TimeoutError, type RequestDescription } from "./errors";
import { pacerFor, type RatePacer } from "./rate-pacer";
import { redact } from "./redact";
import { channelPageResponse, channelResponse, type Channel } from "./response";
import { decideRetry, defaultRetryOptions, type RetryOptions } from "./retry-policy";
import { userAgent } from "./user-agent";
import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";

export interface ClientOptions {
    /** e.g. https://hookstream.io/v1 */
    baseUrl: string;
    apiKey: string;
    /** Budget for one operation, retries and rate-limit waits included, in ms. */
    operationTimeoutMs?: number;
    /** Per exchange: waiting for headers, and between body chunks, in ms. Describe it here when passing `dispatcher`. */
    requestTimeoutMs?: number;
    retry?: Partial<RetryOptions>;
    /** Runs a retry after a delay; tests replace it to observe delays without sleeping. */
    schedule?: (run: () => void, delayMs: number) => unknown;
    /** Defaults to one keep-alive agent shared by every client in the process. */
    dispatcher?: Dispatcher;
    /** Shares hookstream's RateLimit-* budget; defaults to the process-wide pacer of this key. */
    pacer?: RatePacer;
    /** Called once per HTTP exchange with a description free of credentials and bodies. */
    onExchange?: (event: ExchangeEvent) => void;
}

export interface ExchangeEvent {
    method: string;
    path: string;
    status?: number;
    requestId?: string;
    durationMs: number;
    error?: string;
}

export interface NewChannel {
    name: string;
    channelType: string;
    config: Record<string, unknown>;
}

export interface ChannelPatch {
    name?: string;
    config?: Record<string, unknown>;
    enabled?: boolean;
}

export interface TestResult {
    success: boolean;
    error: string | null;
}

const defaultOperationTimeoutMs = 5 * 60_000;
const defaultRequestTimeoutMs = 30_000;
const connectTimeoutMs = 10_000;

const sharedAgents = new Map<number, Agent>();

/** One keep-alive agent per process (per timeout): every resource of a run reuses its connections. */
function keepAliveAgent(requestTimeoutMs: number): Agent {
    let agent = sharedAgents.get(requestTimeoutMs);
    if (agent === undefined) {
        agent = new Agent({
            keepAliveTimeout: 30_000,
            connections: 64,
            connect: { timeout: connectTimeoutMs },
            // Per exchange; the operation budget bounds the whole call, retries included.
            headersTimeout: requestTimeoutMs,
            bodyTimeout: requestTimeoutMs,
        });
        sharedAgents.set(requestTimeoutMs, agent);
    }
    return agent;
}

/** hookstream's notification-channel endpoints (hookstream-api.md §1), one method each. */
export class HookstreamClient {
    readonly #origin: string;
    readonly #basePath: string;
    readonly #apiKey: string;
    readonly #dispatcher: Dispatcher;
    readonly #operationTimeoutMs: number;
    readonly #requestTimeoutMs: number;
    readonly #onExchange: ((event: ExchangeEvent) => void) | undefined;
    readonly #pacer: RatePacer;
    /** Request headers without and with a JSON body, built once: they are the same for every request. */
    readonly #headers: Record<string, string>;
    readonly #jsonHeaders: Record<string, string>;

    constructor(options: ClientOptions) {
        const base = new URL(options.baseUrl);
        this.#origin = base.origin;
        this.#basePath = base.pathname.replace(/\/+$/, "");
        this.#apiKey = options.apiKey;
        this.#operationTimeoutMs = options.operationTimeoutMs ?? defaultOperationTimeoutMs;
        this.#requestTimeoutMs = options.requestTimeoutMs ?? defaultRequestTimeoutMs;
        this.#onExchange = options.onExchange;
        this.#pacer = options.pacer ?? pacerFor(this.#origin, this.#apiKey);
        this.#headers = { "x-api-key": this.#apiKey, "user-agent": userAgent, accept: "application/json" };
        this.#jsonHeaders = { ...this.#headers, "content-type": "application/json" };

        const retryOptions = { ...defaultRetryOptions, ...options.retry };
        const pacer = this.#pacer;
        const schedule = options.schedule ?? ((run, delayMs) => setTimeout(run, delayMs));
        this.#dispatcher = (options.dispatcher ?? keepAliveAgent(this.#requestTimeoutMs)).compose(
            interceptors.retry({
                // Our policy replaces undici's whole: it retries PATCH, never repeats an ambiguous POST, reads
                // RateLimit-Reset and adds jitter (undici's default does none of these).
                retry(err, { state, opts }, callback) {
                    const failure = err as Error & {
                        statusCode?: number;
                        code?: string;
                        headers?: Record<string, string>;
                    };
                    const decision = decideRetry(
                        {
                            method: opts.method,
                            attempt: state.counter,
                            statusCode: failure.statusCode,
                            errorCode: failure.statusCode === undefined ? failure.code : undefined,
                            headers: failure.headers,
                        },
                        retryOptions,
                    );
                    if (!decision.retry) return callback(err);
                    // A retry takes its place in the rate-limit window like any request, or it would oversubscribe it.
                    schedule(() => void waitForPacer(pacer).then(() => callback(null)), decision.delayMs);
                    return null;
                },
                maxRetries: retryOptions.maxRetries,
                // Hand the final error response to us, body included, so its `error` and `request_id` survive.
                throwOnError: false,
            }),
        );
    }

    async list(
        options: { cursor?: string; limit?: number } = {},
    ): Promise<{ channels: Channel[]; nextCursor?: string }> {
        const query = new URLSearchParams();
        if (options.limit !== undefined) query.set("limit", String(options.limit));
        if (options.cursor !== undefined) query.set("cursor", options.cursor);
        const suffix = query.size > 0 ? `?${query}` : "";
        return this.#send("GET", `/notification-channels${suffix}`, undefined, channelPageResponse);
    }

    /** Every channel of the key's project, following `cursor`/`has_more` until the last page. */
    async listAll(onPage?: (count: number) => void): Promise<Channel[]> {
        const all: Channel[] = [];
        const seenCursors = new Set<string>();
        let cursor: string | undefined;
        do {
            const page = await this.list({ cursor, limit: 100 });
            all.push(...page.channels);
            onPage?.(all.length);
            cursor = page.nextCursor;
            if (cursor !== undefined && seenCursors.has(cursor)) break; // a server that repeats itself
            if (cursor !== undefined) seenCursors.add(cursor);
        } while (cursor !== undefined);
        return all;
    }

    async create(channel: NewChannel): Promise<Channel> {
        const body = { name: channel.name, channel_type: channel.channelType, config: channel.config };
        return this.#send("POST", "/notification-channels", body, channelResponse);
    }

    async get(id: string): Promise<Channel> {
        return this.#send("GET", `/notification-channels/${encodeURIComponent(id)}`, undefined, channelResponse);
    }

    async update(id: string, patch: ChannelPatch): Promise<Channel> {
        return this.#send("PATCH", `/notification-channels/${encodeURIComponent(id)}`, patch, channelResponse);
    }

    async delete(id: string): Promise<void> {
        await this.#send("DELETE", `/notification-channels/${encodeURIComponent(id)}`, undefined, undefined);
    }

    async test(id: string): Promise<TestResult> {
        const body = await this.#send("POST", `/notification-channels/${encodeURIComponent(id)}/test`, {}, undefined);
        const result = (body ?? {}) as { success?: unknown; error?: unknown };
        return { success: result.success === true, error: typeof result.error === "string" ? result.error : null };
    }

    /** A failure with no HTTP answer, named after the limit that actually ran out. */
    #transportError(request: RequestDescription, cause: unknown): TimeoutError | NetworkError {
        const error = cause as { name?: string; code?: string };
        if (error?.name === "TimeoutError") {
            return new TimeoutError(
                request,
                this.#operationTimeoutMs,
                "for the whole operation, retries included",
                cause,
            );
        }
        if (error?.code === "UND_ERR_CONNECT_TIMEOUT") {
            return new TimeoutError(request, connectTimeoutMs, "connecting", cause);
        }
        if (error?.code === "UND_ERR_HEADERS_TIMEOUT" || error?.code === "UND_ERR_BODY_TIMEOUT") {
            return new TimeoutError(request, this.#requestTimeoutMs, "waiting for the answer", cause);
        }
        return new NetworkError(request, cause);
    }

    async #send<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
    async #send(method: string, path: string, body: unknown, schema: undefined): Promise<unknown>;
    async #send<T>(
        method: string,
        path: string,
        body: unknown,
        schema: z.ZodType<T> | undefined,
    ): Promise<T | unknown> {
        const query = path.indexOf("?");
        const request: RequestDescription = {
            method,
            path: this.#basePath + (query < 0 ? path : path.slice(0, query)),
        };
        // Only an error message needs them: building the list on every request was measurable (npm run bench).
        const sensitive = () => [this.#apiKey, ...sensitiveStrings(body)];
        const started = performance.now();
        const report = (event: Omit<ExchangeEvent, "method" | "path" | "durationMs">) =>
            this.#onExchange?.({ method, path: request.path, durationMs: performance.now() - started, ...event });

        // Most requests have budget left in the window: no promise to wait on for them.
        const wait = this.#pacer.reserve();
        if (wait > 0) await waitForPacer(this.#pacer, wait);

        let response: Dispatcher.ResponseData;
        try {
            response = await this.#dispatcher.request({
                origin: this.#origin,
                path: this.#basePath + path,
                method: method as Dispatcher.HttpMethod,
                headers: body === undefined ? this.#headers : this.#jsonHeaders,
                body: body === undefined ? undefined : JSON.stringify(body),
                signal: deadlineSignal(this.#operationTimeoutMs),
            });
        } catch (cause) {
            const error = this.#transportError(request, cause);
            report({ error: error.code });
            throw error;
        }

        this.#pacer.observe(response.headers);
        let text: string;
        try {
            text = await response.body.text();
        } catch (cause) {
            const error = this.#transportError(request, cause);
            report({ status: response.statusCode, error: error.code });
            throw error;
        }
        const json = parseJson(text);
        const requestId = requestIdOf(json, response.headers);
        report({ status: response.statusCode, requestId });

        if (response.statusCode < 200 || response.statusCode >= 300) {
            const message = errorMessageOf(json) ?? (text.trim() === "" ? undefined : "(no error message)");
            throw new ApiError(response.statusCode, request, message && redact(message, sensitive()), requestId);
        }
        if (schema === undefined) return json.ok ? json.value : undefined;
        if (!json.ok) {
            throw new BadResponseError(
                request,
                response.statusCode,
                text.trim() === "" ? "empty body" : "not JSON",
                requestId,
            );
        }
        const parsed = schema.safeParse(json.value);
        if (!parsed.success) {
            const detail = redact(parsed.error.issues.map((issue) => issue.message).join("; "), sensitive());
            throw new BadResponseError(request, response.statusCode, detail, requestId);
        }
        return parsed.data;
    }
}

/** Waits until the pacer lets one request through; `wait` is what it last answered, if it was just asked. */
async function waitForPacer(pacer: RatePacer, wait = pacer.reserve()): Promise<void> {
    for (; wait > 0; wait = pacer.reserve()) await sleep(wait);
}

type JsonResult = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): JsonResult {
    // An empty or blank body throws like any other non-JSON: no trimmed copy of every body.
    try {
        return { ok: true, value: JSON.parse(text) };
    } catch {
        return { ok: false };
    }
}

/** hookstream's error body is `{error, status, request_id}` (hookstream-api.md §4). */
function errorMessageOf(json: JsonResult): string | undefined {
    if (!json.ok || typeof json.value !== "object" || json.value === null) return undefined;
    const error = (json.value as { error?: unknown }).error;
    if (typeof error === "string") return error;
    if (typeof error === "object" && error !== null && typeof (error as { message?: unknown }).message === "string") {
        return (error as { message: string }).message;
    }
    return undefined;
}

function requestIdOf(json: JsonResult, headers: Record<string, string | string[] | undefined>): string | undefined {
    if (json.ok && typeof json.value === "object" && json.value !== null) {
        const id = (json.value as { request_id?: unknown }).request_id;
        if (typeof id === "string") return id;
    }
    const header = headers["x-request-id"];
    return Array.isArray(header) ? header[0] : header;
}

/** The strings of a request's config: secrets and webhook URLs must not come back to us in an error message. */
function sensitiveStrings(body: unknown): string[] {
    const config = typeof body === "object" && body !== null ? (body as { config?: unknown }).config : undefined;
    return stringsIn(config);
}

function stringsIn(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(stringsIn);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
    return [];
}
