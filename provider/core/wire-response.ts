import { z } from "zod";

/**
 * What every hookstream resource's answers share on the wire (docs/hookstream-api.md §8): an item enveloped under its
 * kind's name or flat, lists paginated by `cursor`/`has_more` (or not at all), JSON sent as text by the generated
 * reference, and `enabled` as a boolean or 0/1.
 */

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `enabled` as a boolean, 0/1 or their text; absent means enabled, as a new channel or rule is. */
export function isEnabled(value: boolean | number | string | null | undefined): boolean {
    return value === null || value === undefined
        ? true
        : value === true || value === 1 || value === "1" || value === "true";
}

/**
 * A value sent as JSON text (the generated reference) or as JSON (the hand-written pages): the parsed value, null when
 * absent or empty, undefined when it is text holding something else.
 */
export function parseJsonText<T>(
    value: T | string | null | undefined,
    accept: (parsed: unknown) => parsed is T,
): T | null | undefined {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value !== "string") return value;
    try {
        const parsed: unknown = JSON.parse(value);
        return accept(parsed) ? parsed : undefined;
    } catch {
        return undefined;
    }
}

/** One item, enveloped (`{<envelope>: {…}}`, other keys beside it ignored) or flat, read by `item`. */
export function envelopedResponse<T>(envelope: string, item: z.ZodType<T>) {
    return z.unknown().transform((body, ctx) => {
        const read = readItem(item, body, envelope);
        if (read.ok) return read.value;
        ctx.addIssue({ code: "custom", message: read.message });
        return z.NEVER;
    });
}

/**
 * One page of a list: `{<list>: […], cursor?, has_more?}`, each item flat or, given `envelope`, enveloped as a single
 * answer may be; a page without pagination fields is the last. Items are read in a plain loop, not as a zod schema of
 * their own: a nested parse per item cost more than checking it.
 */
export function pageResponse<T>(list: string, item: z.ZodType<T>, envelope?: string) {
    return z
        .looseObject({
            [list]: z.array(z.unknown()),
            cursor: z.string().nullish(),
            next_cursor: z.string().nullish(),
            has_more: z.boolean().nullish(),
        })
        .transform((page, ctx) => {
            const items: T[] = [];
            for (const entry of page[list] as unknown[]) {
                const read = readItem(item, entry, envelope);
                if (!read.ok) {
                    ctx.addIssue({ code: "custom", message: read.message });
                    return z.NEVER;
                }
                items.push(read.value);
            }
            const cursor = (page.cursor ?? page.next_cursor ?? undefined) as string | undefined;
            return { items, nextCursor: page.has_more && cursor ? cursor : undefined };
        });
}

type ItemRead<T> = { ok: true; value: T } | { ok: false; message: string };

/** What `item` reads from a value, unwrapped from `envelope` first when it holds one. */
function readItem<T>(item: z.ZodType<T>, body: unknown, envelope: string | undefined): ItemRead<T> {
    const inner = envelope !== undefined && isObject(body) && envelope in body ? body[envelope] : body;
    if (inner === null && envelope !== undefined) return { ok: false, message: `${envelope} is null` };
    const parsed = item.safeParse(inner);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: z.prettifyError(parsed.error) };
}
