import type { Agent as UndiciAgent, Dispatcher } from "undici";
import { loadAgent } from "./undici-agent";
import { Deadline, systemClock, type Clock } from "./deadline";
import { TimeoutError, isHookstreamError, type HookstreamError, type RequestDescription } from "./errors";
import { interpretResponse, toTransportError, type TransportLimits } from "./error-mapping";
import { pacerFor, type RatePacer } from "./rate-pacer";
import { decideRetry, defaultRetryOptions, type FailedAttempt, type RetryOptions } from "./retry-policy";
import { userAgent } from "./user-agent";
import type { z } from "zod";

export interface TransportOptions {
    /** e.g. https://hookstream.io/v1 */
    baseUrl: string;
    apiKey: string;
    /** Budget for one operation in ms: every request, backoff and rate-limit wait of it. */
    operationTimeoutMs?: number;
    /** Per exchange: waiting for headers, and between body chunks, in ms. Describe it here when passing `dispatcher`. */
    requestTimeoutMs?: number;
    retry?: Partial<RetryOptions>;
    /** Time for the deadline, the backoffs and the rate-limit waits; tests pass a fake one (and a pacer on it). */
    clock?: Clock;
    /** The jitter's random source, in [0, 1). */
    random?: () => number;
    /** Defaults to one keep-alive agent shared by every client in the process. */
    dispatcher?: Dispatcher;
    /** Shares hookstream's RateLimit-* budget; defaults to the process-wide pacer of this key. */
    pacer?: RatePacer;
    /** Called once per HTTP exchange with a description free of credentials and bodies. */
    onExchange?: (event: ExchangeEvent) => void;
}

export interface SendOptions {
    /**
     * Ends the operation early: the request in flight is aborted, no wait is left pending, and `send` rejects with the
     * signal's reason.
     */
    signal?: AbortSignal;
    /**
     * Strings of this request that no message may carry (a channel's webhook secret or Slack URL): masked, with the API
     * key, out of every error built from the answer, since a server may echo what it was sent.
     */
    sensitive?: readonly string[];
}

export interface ExchangeEvent {
    method: string;
    path: string;
    status?: number;
    requestId?: string;
    durationMs: number;
    error?: string;
}

/** One attempt's result; a failure says what the retry policy needs to know of it. */
type Attempt<T> =
    | { ok: true; value: T | unknown }
    | {
          ok: false;
          error: HookstreamError;
          failure: Pick<FailedAttempt, "statusCode" | "errorCode" | "headers"> & { unreadable?: true };
      };

const defaultOperationTimeoutMs = 5 * 60_000;
const defaultRequestTimeoutMs = 30_000;
const connectTimeoutMs = 10_000;

const Agent = loadAgent();
const sharedAgents = new Map<number, UndiciAgent>();

/** One keep-alive agent per process (per timeout): every resource of a run reuses its connections. */
function keepAliveAgent(requestTimeoutMs: number): UndiciAgent {
    let agent = sharedAgents.get(requestTimeoutMs);
    if (agent === undefined) {
        agent = new Agent({
            keepAliveTimeout: 30_000,
            connections: 64,
            connect: { timeout: connectTimeoutMs },
            // Per exchange; the operation's deadline bounds the whole call, retries included.
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
 *
 * The retry loop is `send`'s own rather than undici's retry interceptor: an unreadable 2xx answer is known only once
 * its body is parsed, after the interceptor has let the answer through, and each attempt first waits its turn with
 * the pacer. One loop gives an operation one attempt count and one deadline over every wait, and an abort clears every
 * timer (the interceptor clears only a timer its policy returns, and only with the global clearTimeout).
 */
export class Transport {
    readonly #origin: string;
    readonly #basePath: string;
    readonly #apiKey: string;
    readonly #dispatcher: Dispatcher;
    readonly #limits: TransportLimits;
    readonly #retryOptions: RetryOptions;
    readonly #clock: Clock;
    readonly #random: () => number;
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
        this.#retryOptions = { ...defaultRetryOptions, ...options.retry };
        this.#clock = options.clock ?? systemClock;
        this.#random = options.random ?? Math.random;
        this.#onExchange = options.onExchange;
        this.#pacer = options.pacer ?? pacerFor(this.#origin, this.#apiKey);
        this.#headers = { "x-api-key": this.#apiKey, "user-agent": userAgent, accept: "application/json" };
        this.#jsonHeaders = { ...this.#headers, "content-type": "application/json" };
        // undici's request() hands back every status with its body: hookstream's `error` and `request_id` survive.
        this.#dispatcher = options.dispatcher ?? keepAliveAgent(this.#limits.requestTimeoutMs);
    }

    /**
     * One operation: the request, sent again while the retry policy says so, all within one deadline. Rejects with the
     * last failure, a TimeoutError once the deadline passes, or the reason of an aborted `options.signal`.
     */
    async send<T>(method: string, path: string, body: unknown, schema: z.ZodType<T>, options?: SendOptions): Promise<T>;
    async send(method: string, path: string, body: unknown, schema: undefined, options?: SendOptions): Promise<unknown>;
    async send<T>(
        method: string,
        path: string,
        body: unknown,
        schema: z.ZodType<T> | undefined,
        options: SendOptions = {},
    ): Promise<T | unknown> {
        const query = path.indexOf("?");
        const request: RequestDescription = {
            method,
            path: this.#basePath + (query < 0 ? path : path.slice(0, query)),
        };
        const deadline = new Deadline(this.#limits.operationTimeoutMs, this.#clock, options.signal);
        let lastFailure: HookstreamError | undefined;
        let unreadableAnswers = 0;
        try {
            for (let attempt = 1; ; attempt++) {
                deadline.signal.throwIfAborted();
                // Every attempt, a retry included, takes its place in the rate-limit window, or it would oversubscribe
                // it. Most find budget left: no promise to wait on for them.
                for (let wait = this.#pacer.reserve(); wait > 0; wait = this.#pacer.reserve()) {
                    await deadline.sleep(wait);
                }
                const outcome = await this.#exchange(
                    request,
                    path,
                    body,
                    schema,
                    deadline.signal,
                    options.sensitive ?? [],
                );
                if (outcome.ok) return outcome.value;
                lastFailure = outcome.error;
                const { unreadable, ...failure } = outcome.failure;
                if (unreadable) unreadableAnswers += 1;
                const decision = decideRetry(
                    { method, attempt, ...failure, unreadableAnswers: unreadable ? unreadableAnswers : undefined },
                    this.#retryOptions,
                    this.#clock.now(),
                    this.#random,
                );
                if (!decision.retry) throw outcome.error;
                await deadline.sleep(decision.delayMs);
            }
        } catch (error) {
            if (!deadline.signal.aborted) throw error;
            // The caller's own reason, as fetch does: the caller knows why it gave up.
            if (!deadline.expired) throw deadline.signal.reason;
            throw new TimeoutError(
                request,
                this.#limits.operationTimeoutMs,
                "for the whole operation, retries included",
                lastFailure ?? deadline.signal.reason,
            );
        } finally {
            deadline.end();
        }
    }

    /** One request and its answer, read and interpreted; a failure is returned for `send` to decide on. */
    async #exchange<T>(
        request: RequestDescription,
        path: string,
        body: unknown,
        schema: z.ZodType<T> | undefined,
        signal: AbortSignal,
        sensitiveInBody: readonly string[],
    ): Promise<Attempt<T>> {
        const sensitive = () => [this.#apiKey, ...sensitiveInBody];
        const started = performance.now();
        const report = (event: Omit<ExchangeEvent, "method" | "path" | "durationMs">) =>
            this.#onExchange?.({
                method: request.method,
                path: request.path,
                durationMs: performance.now() - started,
                ...event,
            });

        let response: Dispatcher.ResponseData;
        try {
            response = await this.#dispatcher.request({
                origin: this.#origin,
                path: this.#basePath + path,
                method: request.method as Dispatcher.HttpMethod,
                headers: body === undefined ? this.#headers : this.#jsonHeaders,
                body: body === undefined ? undefined : JSON.stringify(body),
                signal,
            });
        } catch (cause) {
            const error = toTransportError(request, cause, this.#limits);
            report({ error: error.code });
            return { ok: false, error, failure: { errorCode: errorCodeOf(cause) } };
        }

        // A 429 is answered by its own wait, Retry-After first (retry-policy.ts); its RateLimit-Reset in the pacer too
        // would hold the retry for the longer of the two.
        if (response.statusCode !== 429) this.#pacer.observe(response.headers);
        let text: string;
        try {
            text = await response.body.text();
        } catch (cause) {
            const error = toTransportError(request, cause, this.#limits);
            report({ status: response.statusCode, error: error.code });
            return { ok: false, error, failure: { errorCode: errorCodeOf(cause) } };
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
        if (outcome.ok) return { ok: true, value: outcome.value };
        const failure = isHookstreamError(outcome.error, "HOOKSTREAM_BAD_RESPONSE")
            ? { unreadable: true as const }
            : { statusCode: response.statusCode, headers: response.headers };
        return { ok: false, error: outcome.error, failure };
    }
}

/** The Node or undici code of a failure with no answer (ECONNRESET, UND_ERR_SOCKET…), if it has one. */
function errorCodeOf(cause: unknown): string | undefined {
    const code = (cause as { code?: unknown } | undefined)?.code;
    return typeof code === "string" ? code : undefined;
}
