import { randomBytes } from "node:crypto";

/**
 * hookstream's two families of docs disagree on what a resource looks like on the wire (`docs/hookstream-api.md §0.2`,
 * §8), so the emulator serves either:
 *
 * - `reference`, the generated API reference (`/api-reference/…`): enveloped objects with every field, JSON columns
 *   (`config`, `rule_config`, `channel_ids`) as JSON strings, flags as 0/1, D1 (SQLite) timestamps and 32-hex ids;
 * - `docs`, the hand-written pages' examples (`/api/…`): JSON columns as objects and arrays, flags as booleans, ISO
 *   timestamps and prefixed ids (`nc_`, `ar_`).
 *
 * Each resource's `wire.ts` renders its objects; errors and list pagination look the same in both (ERR, PAG: §4.1,
 * §5.1).
 */
export const responseShapes = ["reference", "docs"] as const;
export type ResponseShape = (typeof responseShapes)[number];

export function isResponseShape(value: unknown): value is ResponseShape {
    return responseShapes.includes(value as ResponseShape);
}

/**
 * A new resource's id, in the form the shape documents (§5.2): 32 hex digits, with `prefix` in the docs shape. It is
 * minted once: a resource keeps its id if the shape changes later, as ids do on a real server.
 */
export function mintId(shape: ResponseShape, prefix: string): string {
    const hex = randomBytes(16).toString("hex");
    return shape === "docs" ? `${prefix}_${hex}` : hex;
}

/** A stored ISO timestamp as the shape writes it. */
export function renderTimestamp(iso: string, shape: ResponseShape): string {
    return shape === "docs" ? iso : toSqliteTimestamp(iso);
}

/** `{error, status, request_id}`, hookstream's one error shape (ERR). */
export function renderError(status: number, message: string): Record<string, unknown> {
    return { error: message, status, request_id: `req_${randomBytes(6).toString("hex")}` };
}

/** `2026-02-28T10:00:00Z` → `2026-02-28 10:00:00`, what D1's `datetime('now')` writes. */
function toSqliteTimestamp(iso: string): string {
    return iso.slice(0, 19).replace("T", " ");
}
