import { z } from "zod";

/**
 * Request bodies and query parameters, checked the way hookstream reports a 400: one message naming the field, such as
 * `Invalid body: 'slug' must match pattern ^[a-z0-9-]+$` (hookstream-api.md §1.2, ERR). Messages never echo a value:
 * a Slack or Discord URL is a credential.
 */

export const channelTypes = ["webhook", "slack", "discord", "email"] as const;
export type ChannelType = (typeof channelTypes)[number];

/** The largest `?limit=` a list accepts (PAG). */
export const maxPageSize = 100;

export type Parsed<T> = { success: true; data: T } | { success: false; message: string };

/** "is required" for an absent value, "must be <description>" for a present one of the wrong kind. */
function expected(description: string) {
    return (issue: { input?: unknown }) => (issue.input === undefined ? "is required" : `must be ${description}`);
}

const httpUrl = z.string({ error: expected("a valid http(s) URL") }).refine(isHttpUrl, {
    error: "must be a valid http(s) URL",
});

const name = z.string({ error: expected("a string") }).min(1, { error: "must not be empty" });

const configObject = z.record(z.string(), z.unknown(), { error: expected("an object") });

/**
 * Per-type config. hookstream documents only the webhook shape (§2); slack and discord follow the provider's reading
 * (an incoming-webhook `url`) and email its `recipients` list. Unknown keys are refused: the real server would store
 * them silently, and a typo in a client is what an emulator exists to catch.
 */
export const configSchemas = {
    webhook: z.strictObject(
        { url: httpUrl, secret: z.string({ error: expected("a string") }).optional() },
        { error: expected("an object") },
    ),
    slack: z.strictObject({ url: httpUrl }, { error: expected("an object") }),
    discord: z.strictObject({ url: httpUrl }, { error: expected("an object") }),
    email: z.strictObject(
        {
            recipients: z
                .array(z.string({ error: expected("a string") }).min(1, { error: "must not be empty" }), {
                    error: expected("a list of email addresses"),
                })
                .min(1, { error: "must name at least one recipient" }),
        },
        { error: expected("an object") },
    ),
} satisfies Record<ChannelType, z.ZodType>;

/** `POST /v1/notification-channels`. Other keys, `enabled` among them, are ignored: a new channel is enabled (§1.7). */
export const CreateChannelBody = z.object(
    {
        name,
        channel_type: z.enum(channelTypes, { error: expected(`one of ${channelTypes.join(", ")}`) }),
        config: configObject,
    },
    { error: "expected a JSON object" },
);
export type CreateChannelBody = z.output<typeof CreateChannelBody>;

/** A channel put in place out of band (`Emulator.createChannel`), which may start disabled. */
export const SeedChannel = CreateChannelBody.extend({
    enabled: z.boolean({ error: expected("true or false") }).optional(),
});
export type SeedChannel = z.output<typeof SeedChannel>;

/** `PATCH /v1/notification-channels/:id`: a channel's type is fixed at creation (§1.4). */
export const UpdateChannelBody = z.object(
    {
        name: name.optional(),
        config: configObject.optional(),
        enabled: z.boolean({ error: expected("true or false") }).optional(),
        channel_type: z.never({ error: "cannot be changed" }).optional(),
    },
    { error: "expected a JSON object" },
);
export type ChannelPatch = Omit<z.output<typeof UpdateChannelBody>, "channel_type">;

export function parseCreateBody(body: unknown): Parsed<CreateChannelBody> {
    return withConfig(CreateChannelBody.safeParse(body));
}

export function parseSeedChannel(input: unknown): Parsed<SeedChannel> {
    return withConfig(SeedChannel.safeParse(input));
}

export function parseUpdateBody(body: unknown, channelType: string): Parsed<ChannelPatch> {
    const parsed = UpdateChannelBody.safeParse(body);
    if (!parsed.success) return { success: false, message: formatIssue(parsed.error) };
    const { name, config, enabled } = parsed.data;
    if (name === undefined && config === undefined && enabled === undefined) {
        return { success: false, message: "No fields to update" };
    }
    const patch: ChannelPatch = { name, config, enabled };
    if (config !== undefined) {
        const checked = parseConfig(channelType, config);
        if (!checked.success) return checked;
        patch.config = checked.data;
    }
    return { success: true, data: patch };
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

function withConfig<T extends { channel_type: ChannelType; config: Record<string, unknown> }>(
    parsed: z.ZodSafeParseResult<T>,
): Parsed<T> {
    if (!parsed.success) return { success: false, message: formatIssue(parsed.error) };
    const config = parseConfig(parsed.data.channel_type, parsed.data.config);
    return config.success ? { success: true, data: { ...parsed.data, config: config.data } } : config;
}

function parseConfig(channelType: string, config: Record<string, unknown>): Parsed<Record<string, unknown>> {
    const schema = configSchemas[channelType as ChannelType];
    const parsed = schema.safeParse(config);
    return parsed.success
        ? { success: true, data: parsed.data }
        : { success: false, message: formatIssue(parsed.error, ["config"]) };
}

function isHttpUrl(value: string): boolean {
    try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:";
    } catch {
        return false;
    }
}
