import { ApiError, isHookstreamError } from "./errors";

/**
 * hookstream's 400 names the failing field by its wire path, quoted: `Invalid body: 'channel_ids.0' must be …`
 * (docs/hookstream-api.md §4.1, ERR). A user wrote `channelIds[0]`, and knows the channel by its id, not its
 * position: the message is told again in the program's terms. Each resource keeps the map from its wire fields to its
 * arguments as plain data (`wire-paths.ts` in its folder); this file knows no resource.
 */

/** One wire field and the argument it is sent for. */
export interface WirePath {
    /** As hookstream names it: `channel_ids`, `rule_config.threshold_ms`. */
    wire: string;
    /** As the program writes it: `channelIds`, `ruleConfig.thresholdMs`. */
    argument: string;
    /** Whether the value sent may be named in a message: an id may, a URL or a secret never. */
    nameValue?: boolean;
}

export type WirePathTable = readonly WirePath[];

// A quoted wire path: snake_case names, `.0` or `[0]` for a list's item.
const quotedPath = /'([A-Za-z_][\w]*(?:\.\w+|\[\d+\])*)'/g;

/** The path's segments: `channel_ids.0` and `channel_ids[0]` alike give `["channel_ids", 0]`. */
function segmentsOf(path: string): (string | number)[] {
    return path
        .replace(/\[(\d+)\]/g, ".$1")
        .split(".")
        .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

function render(segments: readonly (string | number)[]): string {
    return segments.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

function valueAt(body: unknown, segments: readonly (string | number)[]): unknown {
    let value = body;
    for (const segment of segments) {
        if (typeof value !== "object" || value === null) return undefined;
        value = (value as Record<string | number, unknown>)[segment];
    }
    return value;
}

/**
 * The argument path for a wire path, by the longest field of the table it starts with (what follows is kept: a list
 * index as `[n]`); undefined when no field matches, and so the path is left as hookstream wrote it.
 */
export function toArgumentPath(wirePath: string, table: WirePathTable): { path: string; row: WirePath } | undefined {
    const segments = segmentsOf(wirePath);
    let best: { row: WirePath; length: number } | undefined;
    for (const row of table) {
        const wire = segmentsOf(row.wire);
        const matches = wire.every((segment, i) => segments[i] === segment);
        if (matches && wire.length > (best?.length ?? 0)) best = { row, length: wire.length };
    }
    if (best === undefined) return undefined;
    return { path: render([...segmentsOf(best.row.argument), ...segments.slice(best.length)]), row: best.row };
}

/**
 * hookstream's message with each quoted wire path replaced by the argument path, followed by the value sent when the
 * table says it may be named (`channelIds[0] (nc_1a2b…)`). `body` is the request body as sent.
 */
export function inArgumentTerms(message: string, table: WirePathTable, body: unknown): string {
    return message.replace(quotedPath, (quoted, wirePath: string) => {
        const found = toArgumentPath(wirePath, table);
        if (found === undefined) return quoted;
        const value = found.row.nameValue ? valueAt(body, segmentsOf(wirePath)) : undefined;
        return typeof value === "string" || typeof value === "number" ? `${found.path} (${value})` : found.path;
    });
}

/** An ApiError again, with hookstream's message in the program's terms; any other error as it was. */
export function toArgumentTerms(error: unknown, table: WirePathTable, body: unknown): unknown {
    if (!isHookstreamError(error, "HOOKSTREAM_API_ERROR")) return error;
    const { status, request, apiMessage, requestId } = error as ApiError;
    if (apiMessage === undefined) return error;
    const translated = inArgumentTerms(apiMessage, table, body);
    return translated === apiMessage ? error : new ApiError(status, request, translated, requestId);
}
