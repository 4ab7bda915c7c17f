import { z } from "zod";
import { expected, formatIssue } from "../parse";
import type { Parsed } from "../parsed";

/**
 * Channel request bodies, checked the way hookstream reports a 400 (see `../parse.ts`). Messages never echo a value:
 * a Slack or Discord URL is a credential.
 */

export const channelTypes = ["webhook", "slack", "discord", "email"] as const;
export type ChannelType = (typeof channelTypes)[number];

const httpUrl = z.string({ error: expected("a valid http(s) URL") }).refine(isHttpUrl, {
    error: "must be a valid http(s) URL",
});

const name = z.string({ error: expected("a string") }).min(1, { error: "must not be empty" });

const configObject = z.record(z.string(), z.unknown(), { error: expected("an object") });

/**
 * Per-type config. hookstream documents only the webhook shape (`docs/hookstream-api.md §2`); slack and discord
 * follow the provider's reading (an incoming-webhook `url`) and email its `recipients` list. Unknown keys are refused:
 * the real server would store them silently, and a typo in a client is what an emulator exists to catch.
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

/**
 * `POST /v1/notification-channels`. Other keys, `enabled` among them, are ignored: a new channel is enabled
 * (`docs/hookstream-api.md §1.2`, §1.7).
 */
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

/** `PATCH /v1/notification-channels/:id`: a channel's type is fixed at creation (`docs/hookstream-api.md §1.4`). */
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

/** An outcome a test forces on a channel's `/test` (`Emulator.setTestOutcome`). */
export const ForcedTestOutcome = z
    .strictObject(
        {
            success: z.boolean({ error: expected("true or false") }),
            error: z
                .string({ error: expected("a string") })
                .min(1, { error: "must not be empty" })
                .nullish(),
        },
        { error: "expected a JSON object" },
    )
    .refine((outcome) => !(outcome.success && typeof outcome.error === "string"), {
        error: "must be null when success is true",
        path: ["error"],
    });

/**
 * `{success: false}` without a message gets a generic one. A message holding one of the channel's settings is refused:
 * `error` is served to clients and logged by them, and a URL or secret there would leak a credential.
 */
export function parseForcedTestOutcome(
    input: unknown,
    config: Record<string, unknown>,
): Parsed<{ success: boolean; error: string | null }> {
    const parsed = ForcedTestOutcome.safeParse(input);
    if (!parsed.success) return { success: false, message: formatIssue(parsed.error, [], "Invalid test outcome") };
    const { success, error } = parsed.data;
    if (success) return { success: true, data: { success, error: null } };
    const message = error ?? "Delivery failed";
    const settings = Object.values(config).filter((value): value is string => typeof value === "string");
    if (settings.some((setting) => message.includes(setting))) {
        return {
            success: false,
            message: "Invalid test outcome: 'error' must not contain the channel's URL or secret",
        };
    }
    return { success: true, data: { success, error: message } };
}
