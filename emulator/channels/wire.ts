import { renderTimestamp, type ResponseShape } from "../shapes";
import type { StoredChannel } from "./stored-channel";

/**
 * A channel on the wire (`docs/hookstream-api.md §1.7`, §8 rows 1–5 and 9):
 *
 * - `reference` (R-NC-*): `{"channel":{…}}` with all 12 fields, `config` a JSON string, `enabled` 0/1, D1 timestamps,
 *   32-hex ids;
 * - `docs` (NC): a flat object with `type` for `channel_type`, `config` an object, `enabled` a boolean, ISO
 *   timestamps, `nc_` ids.
 */
export function renderChannel(channel: StoredChannel, shape: ResponseShape): Record<string, unknown> {
    const docs = shape === "docs";
    return {
        id: channel.id,
        org_id: channel.org_id,
        env_id: channel.env_id,
        name: channel.name,
        [docs ? "type" : "channel_type"]: channel.channel_type,
        config: docs ? channel.config : JSON.stringify(channel.config),
        enabled: docs ? channel.enabled : channel.enabled ? 1 : 0,
        last_sent_at: channel.last_sent_at === null ? null : renderTimestamp(channel.last_sent_at, shape),
        error_count: channel.error_count,
        last_error: channel.last_error,
        created_at: renderTimestamp(channel.created_at, shape),
        updated_at: renderTimestamp(channel.updated_at, shape),
    };
}

/** The body of a create, get or update response. */
export function renderChannelResponse(channel: StoredChannel, shape: ResponseShape): Record<string, unknown> {
    const rendered = renderChannel(channel, shape);
    return shape === "docs" ? rendered : { channel: rendered };
}
