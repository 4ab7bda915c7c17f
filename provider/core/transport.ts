import { Agent, interceptors, type Dispatcher } from "undici";
import { deadlineSignal } from "./deadline";
import { isHookstreamError, type RequestDescription } from "./errors";
import { interpretResponse, toTransportError, type TransportLimits } from "./error-mapping";
import { pacerFor, type RatePacer } from "./rate-pacer";
import { sensitiveStringsOf } from "./redact";
import { decideRetry, decideUnreadableAnswerRetry, defaultRetryOptions, type RetryOptions } from "./retry-policy";
import { userAgent } from "./user-agent";
import { setTimeout as sleep } from "node:timers/promises";
import type { z } from "zod";

export interface TransportOptions {
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

/**
 * HTTP to hookstream for every resource: one keep-alive agent, the API key, the operation deadline, the retry policy
 * and the rate-limit pacer. It knows no endpoint; each resource's endpoints.ts does.
 */
export class Transport {
    readonly #origin: string;
    readonly #basePath: string;
    readonly #apiKey: string;
    readonly #dispatcher: Dispatcher;
    readonly #limits: TransportLimits;
    readonly #retryOptions: RetryOptions;
    readonly #schedule: (run: () => void, delayMs: number) => unknown;
    readonly #onExchange: ((event: ExchangeEvent) => void) | undefined;
    readonly #pacer: RatePacer;
    /** Request headers without and with a JSON body, built once: they are the same for every request. */
    readonly #headers: Record<string, string>;
    readonly #jsonHeaders: Record<string, string>;

    constructor(options: TransportOptions) {
        const base = new URL(options.baseUrl);
        this.#origin = base.origin;
        this.#basePath = base.pathname.replace(/\/+$/, "");
        this.#apiKey = options.apiKey;
        this.#limits = {
            operationTimeoutMs: options.operationTimeoutMs ?? defaultOperationTimeoutMs,
            requestTimeoutMs: options.requestTimeoutMs ?? defaultRequestTimeoutMs,
            connectTimeoutMs,
        };
        this.#onExchange = options.onExchange;
        this.#pacer = options.pacer ?? pacerFor(this.#origin, this.#apiKey);
        this.#headers = { "x-api-key": this.#apiKey, "user-agent": userAgent, accept: "application/json" };
        this.#jsonHeaders = { ...this.#headers, "content-type": "application/json" };

        const retryOptions = { ...defaultRetryOptions, ...options.retry };
        const pacer = this.#pacer;
        const schedule = options.schedule ?? ((run, delayMs) => setTimeout(run, delayMs));
        this.#retryOptions = retryOptions;
        this.#schedule = schedule;
        this.#dispatcher = (options.dispatcher ?? keepAliveAgent(this.#limits.requestTimeoutMs)).compose(
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

    async send<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>): Promise<T>;
    async send(method: string, path: string, body: unknown, schema: undefined): Promise<unknown>;
    async send<T>(method: string, path: string, body: unknown, schema: z.ZodType<T> | undefined): Promise<T | unknown> {
        for (let attempt = 1; ; attempt++) {
            try {
                return await this.#exchange(method, path, body, schema);
            } catch (error) {
                const unreadable = isHookstreamError(error, "HOOKSTREAM_BAD_RESPONSE");
                const decision = decideUnreadableAnswerRetry(method, attempt, unreadable, this.#retryOptions);
                if (!decision.retry) throw error;
                await new Promise((resolve) => this.#schedule(() => resolve(undefined), decision.delayMs));
            }
        }
    }

    /** One request and its answer; the retry interceptor below has already retried what a status code tells. */
    async #exchange<T>(
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
        const sensitive = () => [this.#apiKey, ...sensitiveStringsOf(body)];
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
                signal: deadlineSignal(this.#limits.operationTimeoutMs),
            });
        } catch (cause) {
            const error = toTransportError(request, cause, this.#limits);
            report({ error: error.code });
            throw error;
        }

        this.#pacer.observe(response.headers);
        let text: string;
        try {
            text = await response.body.text();
        } catch (cause) {
            const error = toTransportError(request, cause, this.#limits);
            report({ status: response.statusCode, error: error.code });
            throw error;
        }
        const outcome = interpretResponse({
            request,
            status: response.statusCode,
            headers: response.headers,
            text,
            schema,
            sensitive,
        });
        report({ status: response.statusCode, requestId: outcome.requestId });
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
    }
}

/** Waits until the pacer lets one request through; `wait` is what it last answered, if it was just asked. */
async function waitForPacer(pacer: RatePacer, wait = pacer.reserve()): Promise<void> {
    for (; wait > 0; wait = pacer.reserve()) await sleep(wait);
}
