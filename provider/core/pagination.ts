/** One page of a list endpoint, read into items and the cursor of the next page (none on the last). */
export interface Page<T> {
    items: T[];
    nextCursor?: string;
}

/**
 * Every item of a paginated list, following `cursor`/`has_more` (docs/hookstream-api.md §5) until the last page. A
 * server that hands out a cursor it gave before ends the walk instead of looping forever.
 */
export async function listEveryPage<T>(
    fetchPage: (cursor: string | undefined) => Promise<Page<T>>,
    onPage?: (count: number) => void,
): Promise<T[]> {
    const all: T[] = [];
    const seenCursors = new Set<string>();
    let cursor: string | undefined;
    do {
        const page = await fetchPage(cursor);
        all.push(...page.items);
        onPage?.(all.length);
        cursor = page.nextCursor;
        if (cursor !== undefined && seenCursors.has(cursor)) break;
        if (cursor !== undefined) seenCursors.add(cursor);
    } while (cursor !== undefined);
    return all;
}

/** The query string of a page request. */
export function pageQuery(options: { cursor?: string; limit?: number }): string {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set("limit", String(options.limit));
    if (options.cursor !== undefined) query.set("cursor", options.cursor);
    return query.size > 0 ? `?${query}` : "";
}
