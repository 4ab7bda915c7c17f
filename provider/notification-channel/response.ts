import { z } from "zod";
import { toIsoTimestamp } from "../core/timestamps";
import { envelopedResponse, isEnabled, isObject, pageResponse, parseJsonText } from "../core/wire-response";

/**
 * hookstream's docs disagree on what a channel looks like on the wire (docs/hookstream-api.md §8, rows 1–5): the generated
 * reference wraps it as `{channel:{…}}` with `channel_type`, `config` as a JSON string and `enabled` as 0/1; the
 * hand-written page shows a flat object with `type`, `config` as an object and no tracking fields. Every documented
 * form is read into one `Channel`.
 */

export interface Channel {
    id: string;
    orgId?: string;
    envId?: string;
    name: string;
    channelType: string;
    config: Record<string, unknown>;
    enabled: boolean;
    errorCount?: number;
    lastError?: string;
    lastSentAt?: string;
    createdAt?: string;
    updatedAt?: string;
    /**
     * Set when the answer lacks fields a read reports (the hand-written docs' list example omits `enabled` and
     * `updated_at`, docs/hookstream-api.md §1.1): a list item like that is read again with its own GET.
     */
    partial?: true;
}

// Fields are only type-checked here and normalised in one pass below: a zod transform per field costs far more per
// call than one pass over the parsed object.
const optionalText = z.string().nullish();

const wireChannel = z
    .object({
        id: z.union([z.string().min(1), z.number()]),
        org_id: optionalText,
        env_id: optionalText,
        name: z.string(),
        channel_type: z.string().optional(),
        type: z.string().optional(),
        config: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
        enabled: z.union([z.boolean(), z.number(), z.enum(["0", "1", "true", "false"])]).nullish(),
        error_count: z.union([z.number(), z.string().regex(/^\d+$/)]).nullish(),
        last_error: optionalText,
        last_sent_at: optionalText,
        created_at: optionalText,
        updated_at: optionalText,
    })
    .transform((wire, ctx): Channel => {
        const channelType = wire.channel_type ?? wire.type;
        if (channelType === undefined) {
            ctx.addIssue({ code: "custom", message: "channel has neither channel_type nor type" });
            return z.NEVER;
        }
        const config = configOf(wire.config);
        if (config === undefined) {
            ctx.addIssue({ code: "custom", message: "config is a string that does not hold a JSON object" });
            return z.NEVER;
        }
        const channel: Channel = {
            id: String(wire.id),
            name: wire.name,
            channelType,
            config,
            enabled: isEnabled(wire.enabled),
        };
        // Absent and null alike are left out: outputs must never hold undefined (pulumi/pulumi#2205).
        if (wire.org_id != null) channel.orgId = wire.org_id;
        if (wire.env_id != null) channel.envId = wire.env_id;
        if (wire.error_count != null) channel.errorCount = Number(wire.error_count);
        if (wire.last_error != null) channel.lastError = wire.last_error;
        if (wire.last_sent_at != null) channel.lastSentAt = toIsoTimestamp(wire.last_sent_at);
        if (wire.created_at != null) channel.createdAt = toIsoTimestamp(wire.created_at);
        if (wire.updated_at != null) channel.updatedAt = toIsoTimestamp(wire.updated_at);
        if (wire.enabled === undefined || wire.updated_at === undefined) channel.partial = true;
        return channel;
    });

/** `config` as an object, or as JSON text of one (the generated reference); undefined when it is neither. */
function configOf(value: string | Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
    return parseJsonText(value, isObject) ?? (value === undefined || value === null || value === "" ? {} : undefined);
}

/** One channel, enveloped (`{channel:{…}}`) or flat. */
export const channelResponse = envelopedResponse("channel", wireChannel);

/** One page of the list: `{channels, cursor?, has_more?}`; a page without pagination fields is the last. */
export const channelPageResponse = pageResponse("channels", wireChannel, "channel");
