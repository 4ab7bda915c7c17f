import { randomBytes } from "node:crypto";
import type { StoredChannel } from "./store";

/**
 * hookstream's two families of docs disagree on what a channel looks like on the wire (hookstream-api.md §8, rows 1–5
 * and 9), so the emulator serves either:
 *
 * - `reference`, the generated API reference (R-NC-*, and the seed page it was read from): `{"channel":{…}}` with all
 *   12 fields, `config` as a JSON string, `enabled` as 0/1, D1 (SQLite) timestamps and 32-hex ids;
 * - `docs`, the hand-written page's examples (NC): a flat object with `type` for `channel_type`, `config` as an
 *   object, `enabled` as a boolean, ISO timestamps and `nc_` ids.
 *
 * Errors and list pagination look the same in both (ERR, PAG).
 */
export const responseShapes = ["reference", "docs"] as const;
export type ResponseShape = (typeof responseShapes)[number];

export function isResponseShape(value: unknown): value is ResponseShape {
    return responseShapes.includes(value as ResponseShape);
}

/**
 * A new channel's id, in the form the shape documents. It is minted once: a channel keeps its id if the shape changes
 * later, as ids do on a real server.
 */
export function mintChannelId(shape: ResponseShape): string {
    const hex = randomBytes(16).toString("hex");
    return shape === "docs" ? `nc_${hex}` : hex;
}

export function renderChannel(channel: StoredChannel, shape: ResponseShape): Record<string, unknown> {
    if (shape === "docs") {
        return {
            id: channel.id,
            org_id: channel.org_id,
            env_id: channel.env_id,
            name: channel.name,
            type: channel.channel_type,
            config: channel.config,
            enabled: channel.enabled,
            last_sent_at: channel.last_sent_at,
            error_count: channel.error_count,
            last_error: channel.last_error,
            created_at: channel.created_at,
            updated_at: channel.updated_at,
        };
    }
    return {
        id: channel.id,
        org_id: channel.org_id,
        env_id: channel.env_id,
        name: channel.name,
        channel_type: channel.channel_type,
        config: JSON.stringify(channel.config),
        enabled: channel.enabled ? 1 : 0,
        last_sent_at: channel.last_sent_at === null ? null : toSqliteTimestamp(channel.last_sent_at),
        error_count: channel.error_count,
        last_error: channel.last_error,
        created_at: toSqliteTimestamp(channel.created_at),
        updated_at: toSqliteTimestamp(channel.updated_at),
    };
}

/** The body of a create, get or update response. */
export function renderChannelResponse(channel: StoredChannel, shape: ResponseShape): Record<string, unknown> {
    const rendered = renderChannel(channel, shape);
    return shape === "docs" ? rendered : { channel: rendered };
}

export function renderChannelPage(
    channels: StoredChannel[],
    cursor: string | null,
    shape: ResponseShape,
): Record<string, unknown> {
    return {
        channels: channels.map((channel) => renderChannel(channel, shape)),
        cursor,
        has_more: cursor !== null,
    };
}

/** `{error, status, request_id}`, hookstream's one error shape (ERR). */
export function renderError(status: number, message: string): Record<string, unknown> {
    return { error: message, status, request_id: `req_${randomBytes(6).toString("hex")}` };
}

/** `2026-02-28T10:00:00Z` → `2026-02-28 10:00:00`, what D1's `datetime('now')` writes. */
export function toSqliteTimestamp(iso: string): string {
    return iso.slice(0, 19).replace("T", " ");
}
