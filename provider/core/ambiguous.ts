import { isHookstreamError, type ApiError } from "./errors";

/** A failure after which hookstream may or may not have carried the request out. */
export function isAmbiguous(error: unknown): boolean {
    if (isHookstreamError(error, "HOOKSTREAM_NETWORK_ERROR") || isHookstreamError(error, "HOOKSTREAM_TIMEOUT")) {
        return true;
    }
    if (isHookstreamError(error, "HOOKSTREAM_BAD_RESPONSE")) return true;
    return isHookstreamError(error, "HOOKSTREAM_API_ERROR") && (error as ApiError).status >= 500;
}

/** Anything thrown, as an Error. */
export function asError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}
