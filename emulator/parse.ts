import { z } from "zod";
import type { Parsed } from "./parsed";

/**
 * What every resource's validation shares: hookstream reports a 400 as one message naming the field, such as
 * `Invalid body: 'slug' must match pattern ^[a-z0-9-]+$` (ERR, `docs/hookstream-api.md §1.2`, §4.1). Messages never
 * echo a value: a Slack or Discord URL is a credential.
 */

/** The largest `?limit=` a list accepts (PAG). */
export const maxPageSize = 100;

/** "is required" for an absent value, "must be <description>" for a present one of the wrong kind. */
export function expected(description: string) {
    return (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be ${description}`);
}

/** `?limit=`: default `fallback`, at most 100 (PAG). An empty value counts as absent. */
export function parseLimit(raw: string | null, fallback: number): Parsed<number> {
    if (raw === null || raw === "") return { success: true, data: fallback };
    const limit = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(limit >= 1 && limit <= maxPageSize)) {
        return { success: false, message: `Invalid query: 'limit' must be an integer from 1 to ${maxPageSize}` };
    }
    return { success: true, data: limit };
}

/** `Invalid body: '<field>' <problem>` for the first issue, as hookstream names one field per 400 (ERR). */
export function formatIssue(error: z.ZodError, prefix: PropertyKey[] = [], label = "Invalid body"): string {
    const issue = error.issues[0];
    if (issue === undefined) return label;
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
        return `${label}: '${z.core.toDotPath([...path, issue.keys[0] ?? ""])}' is not a known setting`;
    }
    return path.length === 0 ? `${label}: ${issue.message}` : `${label}: '${z.core.toDotPath(path)}' ${issue.message}`;
}

export function toParsed<T>(parsed: z.ZodSafeParseResult<T>, prefix: PropertyKey[] = []): Parsed<T> {
    return parsed.success ? parsed : { success: false, message: formatIssue(parsed.error, prefix) };
}
