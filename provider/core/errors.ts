import { quietHostErrorLog } from "./host-error-log";

/**
 * Errors thrown by pulumi-hookstream. Match on `code`, not `instanceof`: the program, the dynamic-provider host and
 * the stored provider shim may each load a different copy of this module.
 */
export type HookstreamErrorCode =
    | "HOOKSTREAM_API_ERROR"
    | "HOOKSTREAM_CONFIG_ERROR"
    | "HOOKSTREAM_NETWORK_ERROR"
    | "HOOKSTREAM_TIMEOUT"
    | "HOOKSTREAM_BAD_RESPONSE"
    | "HOOKSTREAM_PARTIAL_CREATE"
    | "HOOKSTREAM_PARTIAL_UPDATE"
    | "HOOKSTREAM_CREATE_UNSETTLED"
    | "HOOKSTREAM_DELETED_OUTSIDE"
    | "HOOKSTREAM_ADOPT_ERROR"
    | "HOOKSTREAM_WRONG_PROJECT"
    | "HOOKSTREAM_VERIFY_FAILED";

/**
 * An expected failure, told by its message alone: its stack is `<name>: <message>`, with no frames, so that the
 * user reads the message once per resource and no trace of our code (host-error-log.ts). A bug is any other error,
 * and keeps its stack.
 */
export class HookstreamError extends Error {
    override name = "HookstreamError";
    constructor(
        readonly code: HookstreamErrorCode,
        message: string,
        options?: { cause?: unknown },
    ) {
        super(message, options);
        // A getter: a subclass sets `name` after this constructor returns.
        Object.defineProperty(this, "stack", {
            get: () => `${this.name}: ${this.message}`,
            configurable: true,
            enumerable: false,
        });
        quietHostErrorLog();
    }
}

/** What a request was, described without its body or credentials. */
export interface RequestDescription {
    method: string;
    path: string;
}

/** hookstream answered with an error status. Carries its `error` message and `request_id`. */
export class ApiError extends HookstreamError {
    override name = "ApiError";
    constructor(
        readonly status: number,
        readonly request: RequestDescription,
        readonly apiMessage: string | undefined,
        readonly requestId: string | undefined,
    ) {
        super(
            "HOOKSTREAM_API_ERROR",
            `hookstream ${request.method} ${request.path} failed with ${status}` +
                (apiMessage ? `: ${apiMessage}` : "") +
                (requestId ? ` (request id ${requestId})` : "") +
                hintFor(status),
        );
    }
}

function hintFor(status: number): string {
    switch (status) {
        case 401:
            return (
                ". The API key was refused (revoked, rotated or mistyped). Set the current one with " +
                "`pulumi config set --secret hookstream:apiKey <key>` or HOOKSTREAM_API_KEY. A plain `pulumi refresh`, " +
                "`preview --refresh`, `up --refresh` or `destroy` still uses the key saved by the last `up`: run " +
                "`pulumi refresh --run-program` (or a plain `pulumi up`) once after changing it."
            );
        case 403:
            return ". The API key is valid but not allowed to do this (permission, plan limit or IP block).";
        default:
            return "";
    }
}

/** The request never got a complete answer: connection refused or reset, DNS failure. */
export class NetworkError extends HookstreamError {
    override name = "NetworkError";
    constructor(
        readonly request: RequestDescription,
        cause: unknown,
    ) {
        super(
            "HOOKSTREAM_NETWORK_ERROR",
            `hookstream ${request.method} ${request.path} failed: ${describeCause(cause)}`,
            {
                cause,
            },
        );
    }
}

/** No answer within the provider's own deadline (the dynamic host ignores customTimeouts). */
export class TimeoutError extends HookstreamError {
    override name = "TimeoutError";
    constructor(
        readonly request: RequestDescription,
        readonly timeoutMs: number,
        /** Which limit ran out: connecting, waiting for the answer, or the whole operation. */
        readonly phase: string,
        cause?: unknown,
    ) {
        super(
            "HOOKSTREAM_TIMEOUT",
            `hookstream ${request.method} ${request.path} timed out after ${timeoutMs} ms (${phase})`,
            { cause },
        );
    }
}

/** The answer was not JSON, or not a shape hookstream documents. */
export class BadResponseError extends HookstreamError {
    override name = "BadResponseError";
    constructor(
        readonly request: RequestDescription,
        readonly status: number,
        detail: string,
        readonly requestId?: string,
    ) {
        super(
            "HOOKSTREAM_BAD_RESPONSE",
            `hookstream ${request.method} ${request.path} returned ${status} with an unreadable body: ${detail}` +
                (requestId ? ` (request id ${requestId})` : ""),
        );
    }
}

export class ConfigError extends HookstreamError {
    override name = "ConfigError";
    constructor(message: string) {
        super("HOOKSTREAM_CONFIG_ERROR", message);
    }
}

/**
 * The resource exists in hookstream but a later step of create (or update) failed. The dynamic-provider host turns an
 * error with `id`, `properties` and `reasons` into ErrorResourceInitFailed, so the engine keeps the resource in state
 * with those properties (no orphan) and retries the remaining step on the next `up`.
 */
export class PartialCreateError extends HookstreamError {
    override name = "PartialCreateError";
    readonly reasons: string[];
    constructor(
        readonly id: string,
        readonly properties: Record<string, unknown>,
        cause: Error,
        what = `${id} was created, but finishing it failed`,
        code: "HOOKSTREAM_PARTIAL_CREATE" | "HOOKSTREAM_PARTIAL_UPDATE" = "HOOKSTREAM_PARTIAL_CREATE",
    ) {
        super(code, `${what}: ${cause.message}`, { cause });
        this.reasons = [this.message];
    }
}

/** hookstream's test delivery through a channel failed (`verify: true`). */
export class VerifyError extends HookstreamError {
    override name = "VerifyError";
    constructor(message: string) {
        super("HOOKSTREAM_VERIFY_FAILED", message);
    }
}

/** The API key in use belongs to another hookstream project than the resource (docs/hookstream-api.md §3.2). */
export class WrongProjectError extends HookstreamError {
    override name = "WrongProjectError";
    constructor(message: string) {
        super("HOOKSTREAM_WRONG_PROJECT", message);
    }
}

export function isHookstreamError(error: unknown, code?: HookstreamErrorCode): error is HookstreamError {
    if (typeof error !== "object" || error === null) return false;
    const found = (error as { code?: unknown }).code;
    return typeof found === "string" && found.startsWith("HOOKSTREAM_") && (code === undefined || found === code);
}

/** hookstream answered 404: the object does not exist in the key's project (or never did). */
export function isNotFound(error: unknown): boolean {
    return isHookstreamError(error, "HOOKSTREAM_API_ERROR") && (error as { status?: unknown }).status === 404;
}

function describeCause(cause: unknown): string {
    if (cause instanceof Error) {
        const code = (cause as { code?: unknown }).code;
        return typeof code === "string" ? `${code} ${cause.message}` : cause.message;
    }
    return String(cause);
}
