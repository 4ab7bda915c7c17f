/**
 * What a phase of the provider-overhead measurement sent, by kind of request: the measurement compares the provider
 * with undici sending the very same requests, and checks that it did, so that a change to what an operation sends
 * (a create became a POST and a PATCH) cannot leave the baseline comparing unlike things.
 */

/** Requests per kind, such as `"PATCH /v1/notification-channels/:id": 200`. */
export type RequestCounts = Record<string, number>;

/** A request as the emulator records it (emulator/state.ts `RecordedRequest`). */
export interface SentRequest {
    method: string;
    path: string;
    query?: Record<string, string>;
}

/** The kind of a request: method, path with ids as `:id`, and the names of its query parameters. */
export function requestKind(request: SentRequest): string {
    const segments = request.path.split("/").map((segment, i) =>
        // `/v1/<collection>/<id>/…`: what follows a collection is an id unless it is a word such as `test`.
        i >= 3 && !/^[a-z-]+$/.test(segment) ? ":id" : segment,
    );
    const keys = Object.keys(request.query ?? {}).sort();
    return `${request.method} ${segments.join("/")}${keys.length === 0 ? "" : `?${keys.join("&")}`}`;
}

export function countRequests(requests: readonly SentRequest[]): RequestCounts {
    const counts: RequestCounts = {};
    for (const request of requests) {
        const kind = requestKind(request);
        counts[kind] = (counts[kind] ?? 0) + 1;
    }
    return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** One line per kind where the two differ, such as `PATCH /v1/notification-channels/:id: 200 vs 0`. */
export function differingCounts(a: RequestCounts, b: RequestCounts): string[] {
    const kinds = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return kinds.filter((kind) => a[kind] !== b[kind]).map((kind) => `${kind}: ${a[kind] ?? 0} vs ${b[kind] ?? 0}`);
}

/** `200 × POST /v1/notification-channels + 200 × PATCH /v1/notification-channels/:id`. */
export function describeCounts(counts: RequestCounts): string {
    const entries = Object.entries(counts);
    return entries.length === 0 ? "no request" : entries.map(([kind, count]) => `${count} × ${kind}`).join(" + ");
}
