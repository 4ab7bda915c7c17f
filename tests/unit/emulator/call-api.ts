import type { Emulator } from "../../../emulator";

/** Response bodies are asserted field by field; typing each one would only restate the assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface CallOptions {
    /** The API key to send; null sends none. */
    key: string | null;
    /** JSON-encoded unless a string, which is sent as is. */
    body?: unknown;
}

export interface ApiAnswer {
    status: number;
    headers: Headers;
    body: Json;
}

/** One request to the emulator's `/v1` API; the body parsed as JSON when there is one. */
export async function callApi(
    emulator: Emulator,
    method: string,
    path: string,
    options: CallOptions,
): Promise<ApiAnswer> {
    const headers: Record<string, string> = {};
    if (options.key !== null) headers["X-API-Key"] = options.key;
    let body: string | undefined;
    if (options.body !== undefined) {
        headers["Content-Type"] = "application/json";
        body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(emulator.url + path, { method, headers, body });
    const text = await response.text();
    return {
        status: response.status,
        headers: response.headers,
        body: (text === "" ? undefined : JSON.parse(text)) as Json,
    };
}

/** One request to the control API, `/_emulator/…`. */
export async function callControl(emulator: Emulator, method: string, path: string, body?: unknown) {
    const response = await fetch(emulator.url.replace(/\/v1$/, "/_emulator") + path, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? undefined : JSON.parse(text)) as Json };
}
