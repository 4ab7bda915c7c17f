import { z } from "zod";
import type { DeclaredBase } from "../core/resource-kind";
import { expected, singleLineText } from "../core/schema-messages";
import { channelTypes, type ChannelConfigs, type ChannelType } from "./channel-types";

/**
 * The NotificationChannel inputs, validated by `check` at preview time. Each channel type's config schema must
 * produce exactly the public config type of channel-types.ts (the compiler checks it below, a type-level test checks
 * the converse), so the published types and what `check` accepts cannot drift apart.
 */

const maxUrlLength = 2048;
const maxNameLength = 255;
const maxRecipients = 50;
/** An absolute http(s) URL. Messages never echo the value: a Slack or Discord URL is a credential. */
function httpUrl(what: string) {
    return z
        .string({ error: expected(what, "a string") })
        .min(1, { error: `${what} must not be empty` })
        .max(maxUrlLength, { error: `${what} must be at most ${maxUrlLength} characters` })
        .superRefine((value, ctx) => {
            // Parsed first: what does not parse is told as "not an absolute URL" whatever else is wrong with it.
            let url: URL;
            try {
                url = new URL(value);
            } catch {
                const spaces = /[\s\u0000-\u001f\u007f-\u009f]/.test(value)
                    ? " (it contains a space or a control character)"
                    : "";
                ctx.addIssue({
                    code: "custom",
                    message: `${what} is not an absolute URL${spaces}: it must be one such as https://example.com/alerts`,
                });
                return;
            }
            if (/[\s\u0000-\u001f\u007f-\u009f]/.test(value)) {
                ctx.addIssue({ code: "custom", message: `${what} must not contain spaces or control characters` });
                return;
            }
            if (url.protocol !== "https:" && url.protocol !== "http:") {
                ctx.addIssue({
                    code: "custom",
                    message: `${what} must use https:// or http://, not ${url.protocol}//`,
                });
                return;
            }
            if (url.username !== "" || url.password !== "") {
                ctx.addIssue({
                    code: "custom",
                    message: `${what} must not carry credentials (user:password@); use the webhook secret instead`,
                });
            }
        });
}

const recipients = z
    .array(z.email({ error: "must be a valid email address such as ops@example.com" }), {
        error: expected("config.recipients", "a list of email addresses"),
    })
    .min(1, { error: "config.recipients must name at least one address" })
    .max(maxRecipients, { error: `config.recipients must name at most ${maxRecipients} addresses` })
    .superRefine((list, ctx) => {
        const seen = new Map<string, number>();
        list.forEach((address, index) => {
            const key = address.toLowerCase();
            const first = seen.get(key);
            if (first === undefined) {
                seen.set(key, index);
            } else {
                ctx.addIssue({
                    code: "custom",
                    path: [index],
                    message: `is listed twice (same address as entry ${first})`,
                });
            }
        });
    });

export const configSchemas = {
    webhook: z.strictObject(
        { url: httpUrl("config.url"), secret: singleLineText("config.secret", 256).optional() },
        { error: expected("config", "an object such as { url, secret }") },
    ),
    slack: z.strictObject({ url: httpUrl("config.url") }, { error: expected("config", "an object such as { url }") }),
    discord: z.strictObject({ url: httpUrl("config.url") }, { error: expected("config", "an object such as { url }") }),
    email: z.strictObject({ recipients }, { error: expected("config", "an object such as { recipients }") }),
} satisfies { [T in ChannelType]: z.ZodType<ChannelConfigs[T], ChannelConfigs[T]> };

export type ChannelConfig<T extends ChannelType = ChannelType> = z.output<(typeof configSchemas)[T]>;

const common = {
    name: singleLineText("name", maxNameLength),
    enabled: z.boolean({ error: expected("enabled", "true or false") }).default(true),
    adopt: z
        .string({ error: expected("adopt", "a channel id string") })
        .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: "adopt must be a hookstream channel id such as nc_1a2b…" })
        .optional(),
    verify: z.boolean({ error: expected("verify", "true or false") }).optional(),
};

/** What `check` hands on: validated, with defaults applied (name, enabled, adopt, verify and what check adds). */
export type ChannelInput = {
    [T in ChannelType]: DeclaredBase & {
        /** Whether the delivery check runs (verify.ts). */
        verify?: boolean;
        channelType: T;
        config: ChannelConfigs[T] & Record<string, unknown>;
    };
}[ChannelType];

function channelSchema<T extends ChannelType>(type: T) {
    return z.strictObject({ channelType: z.literal(type), config: configSchemas[type], ...common });
}

const [firstType, ...otherTypes] = channelTypes.map(channelSchema);

// One member per channel type, built from the list, so a new type cannot be forgotten here. zod cannot follow the
// types through `map`; each member's output is the config type of channel-types.ts (checked above).
export const channelInputSchema = z.discriminatedUnion("channelType", [firstType!, ...otherTypes], {
    error: `channelType must be one of ${channelTypes.map((t) => `"${t}"`).join(", ")}`,
}) as unknown as z.ZodType<ChannelInput, unknown>;

/** The arguments every type shares: what can still be judged while `channelType` is unknown during preview. */
export const anyTypeInputSchema = z.strictObject({ channelType: z.unknown(), config: z.unknown(), ...common });
