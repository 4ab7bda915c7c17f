import { z } from "zod";

/**
 * hookstream's docs disagree on what a channel looks like on the wire (hookstream-api.md §8, rows 1–5): the generated
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
}

const optionalText = z
    .string()
    .nullish()
    .transform((value) => value ?? undefined);

const timestamp = optionalText.transform((value) => (value === undefined ? undefined : toIsoTimestamp(value)));

const configField = z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .nullish()
    .transform((value, ctx): Record<string, unknown> => {
        if (value === null || value === undefined || value === "") return {};
        if (typeof value !== "string") return value;
        try {
            const parsed: unknown = JSON.parse(value);
            if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
                return parsed as Record<string, unknown>;
            }
        } catch {
            // reported below
        }
        ctx.addIssue({ code: "custom", message: "config is a string that does not hold a JSON object" });
        return z.NEVER;
    });

const enabledField = z
    .union([z.boolean(), z.number(), z.enum(["0", "1", "true", "false"])])
    .nullish()
    .transform((value) =>
        value === null || value === undefined
            ? true
            : value === true || value === 1 || value === "1" || value === "true",
    );

const countField = z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .nullish()
    .transform((value) => (value === null || value === undefined ? undefined : Number(value)));

const wireChannel = z
    .looseObject({
        id: z.union([z.string().min(1), z.number()]).transform(String),
        org_id: optionalText,
        env_id: optionalText,
        name: z.string(),
        channel_type: z.string().optional(),
        type: z.string().optional(),
        config: configField,
        enabled: enabledField,
        error_count: countField,
        last_error: optionalText,
        last_sent_at: timestamp,
        created_at: timestamp,
        updated_at: timestamp,
    })
    .refine((wire) => wire.channel_type !== undefined || wire.type !== undefined, {
        message: "channel has neither channel_type nor type",
    })
    .transform((wire): Channel =>
        withoutUndefined({
            id: wire.id,
            orgId: wire.org_id,
            envId: wire.env_id,
            name: wire.name,
            channelType: (wire.channel_type ?? wire.type) as string,
            config: wire.config,
            enabled: wire.enabled,
            errorCount: wire.error_count,
            lastError: wire.last_error,
            lastSentAt: wire.last_sent_at,
            createdAt: wire.created_at,
            updatedAt: wire.updated_at,
        }),
    );

/** One channel, enveloped (`{channel:{…}}`) or flat. */
export const channelResponse = z.unknown().transform((body, ctx) => {
    const inner = isObject(body) && "channel" in body ? body.channel : body;
    if (inner === null) {
        ctx.addIssue({ code: "custom", message: "channel is null" });
        return z.NEVER;
    }
    const parsed = wireChannel.safeParse(inner);
    if (!parsed.success) {
        ctx.addIssue({ code: "custom", message: z.prettifyError(parsed.error) });
        return z.NEVER;
    }
    return parsed.data;
});

/** One page of the list: `{channels, cursor?, has_more?}`; a page without pagination fields is the last. */
export const channelPageResponse = z
    .object({
        channels: z.array(z.unknown()),
        cursor: z.string().nullish(),
        next_cursor: z.string().nullish(),
        has_more: z.boolean().nullish(),
    })
    .transform((page, ctx) => {
        const channels: Channel[] = [];
        for (const item of page.channels) {
            const parsed = channelResponse.safeParse(item);
            if (!parsed.success) {
                ctx.addIssue({ code: "custom", message: z.prettifyError(parsed.error) });
                return z.NEVER;
            }
            channels.push(parsed.data);
        }
        const cursor = page.cursor ?? page.next_cursor ?? undefined;
        return { channels, nextCursor: page.has_more && cursor ? cursor : undefined };
    });

/**
 * ISO 8601 in UTC. D1 (SQLite) writes `YYYY-MM-DD HH:MM:SS` without a zone, which is UTC; anything unparseable is
 * passed through untouched rather than guessed at.
 */
export function toIsoTimestamp(value: string): string {
    // The documented forms, whole seconds with or without `T`/`Z`, need no Date round-trip (a hot path on reads).
    if (canonicalTimestamp.test(value)) return value;
    const sqlite = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value);
    const candidate = sqlite ? `${sqlite[1]}T${sqlite[2]}Z` : value;
    if (canonicalTimestamp.test(candidate)) return candidate;
    const time = Date.parse(candidate);
    return Number.isNaN(time) ? value : new Date(time).toISOString().replace(".000Z", "Z");
}

const canonicalTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy without the undefined values; built rather than `delete`d, which would slow every later access. */
function withoutUndefined<T extends object>(value: T): T {
    const copy: Record<string, unknown> = {};
    for (const key in value) if (value[key] !== undefined) copy[key] = value[key];
    return copy as T;
}
