import type { z } from "zod";
import { ApiError, BadResponseError, NetworkError, TimeoutError, type RequestDescription } from "./errors";
import { redact } from "./redact";

/** The limits a transport enforces, to name the one that ran out. */
export interface TransportLimits {
    operationTimeoutMs: number;
    requestTimeoutMs: number;
    connectTimeoutMs: number;
}

/** A failure with no HTTP answer, named after the limit that actually ran out. */
export function toTransportError(
    request: RequestDescription,
    cause: unknown,
    limits: TransportLimits,
): TimeoutError | NetworkError {
    const error = cause as { name?: string; code?: string } | undefined;
    if (error?.name === "TimeoutError") {
        return new TimeoutError(request, limits.operationTimeoutMs, "for the whole operation, retries included", cause);
    }
    if (error?.code === "UND_ERR_CONNECT_TIMEOUT") {
        return new TimeoutError(request, limits.connectTimeoutMs, "connecting", cause);
    }
    if (error?.code === "UND_ERR_HEADERS_TIMEOUT" || error?.code === "UND_ERR_BODY_TIMEOUT") {
        return new TimeoutError(request, limits.requestTimeoutMs, "waiting for the answer", cause);
    }
    return new NetworkError(request, cause);
}

export interface ReceivedResponse<T> {
    request: RequestDescription;
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
    /** How to read a successful body; undefined when any body (or none) will do. */
    schema: z.ZodType<T> | undefined;
    /** Values that must never appear in an error message: the key and what was sent. */
    sensitive: () => readonly string[];
}

export type ResponseOutcome<T> =
    | { ok: true; value: T | undefined; requestId: string | undefined }
    | { ok: false; error: ApiError | BadResponseError; requestId: string | undefined };

/**
 * What an HTTP answer means: the parsed body, or the error to throw, carrying hookstream's `error` and
 * `request_id` (docs/hookstream-api.md §4) with every sensitive value masked before the message is built.
 */
export function interpretResponse<T>(response: ReceivedResponse<T>): ResponseOutcome<T> {
    const { request, status, text, schema } = response;
    const json = parseJson(text);
    const requestId = requestIdOf(json, response.headers);
    if (status < 200 || status >= 300) {
        const message = errorMessageOf(json) ?? (text.trim() === "" ? undefined : "(no error message)");
        const error = new ApiError(status, request, message && redact(message, response.sensitive()), requestId);
        return { ok: false, error, requestId };
    }
    if (schema === undefined) return { ok: true, value: json.ok ? (json.value as T) : undefined, requestId };
    if (!json.ok) {
        const detail = text.trim() === "" ? "empty body" : "not JSON";
        return { ok: false, error: new BadResponseError(request, status, detail, requestId), requestId };
    }
    const parsed = schema.safeParse(json.value);
    if (!parsed.success) {
        const detail = redact(parsed.error.issues.map((issue) => issue.message).join("; "), response.sensitive());
        return { ok: false, error: new BadResponseError(request, status, detail, requestId), requestId };
    }
    return { ok: true, value: parsed.data, requestId };
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

/** hookstream's error body is `{error, status, request_id}` (docs/hookstream-api.md §4.1). */
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
