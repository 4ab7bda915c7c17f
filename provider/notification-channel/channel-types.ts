/**
 * Everything pulumi-hookstream knows about each channel type, in one place. The public config types, the list of
 * types, the fields stored as secrets and the fields hookstream may mask are all derived from here; zod's schema for
 * each type (schema.ts) is checked against these types by the compiler. Free of zod on purpose: the program side
 * (resource.ts) loads this file, and must not load zod.
 *
 * hookstream documents only the webhook config (docs/hookstream-api.md §2); the other shapes are the best reading
 * of its pages, so a correction is an edit here and in schema.ts, and the compiler finds the rest.
 */

/** `{ url, secret? }`: where hookstream POSTs alerts, signed with HMAC-SHA256 when `secret` is set. */
export interface WebhookConfig {
    /**
     * An absolute http(s) URL without credentials, at most 2048 characters.
     * @example "https://ops.example.com/alerts"
     */
    url: string;
    /**
     * The signing secret (1–256 characters, no control characters). Stored as a Pulumi secret.
     * @example cfg.requireSecret("opsSigningSecret")
     */
    secret?: string;
}

/** `{ url }`: a Slack incoming-webhook URL. Stored as a secret. */
export interface SlackConfig {
    /**
     * The Slack incoming-webhook URL. It is a credential, so it is stored as a Pulumi secret.
     * @example cfg.requireSecret("slackWebhookUrl")
     */
    url: string;
}

/** `{ url }`: a Discord webhook URL. Stored as a secret. */
export interface DiscordConfig {
    /**
     * The Discord webhook URL. It is a credential, so it is stored as a Pulumi secret.
     * @example cfg.requireSecret("discordWebhookUrl")
     */
    url: string;
}

/** `{ recipients }`: the addresses hookstream emails alerts to. */
export interface EmailConfig {
    /**
     * 1–50 distinct email addresses (compared case-insensitively; order does not matter).
     * @example ["oncall@example.com"]
     */
    recipients: string[];
}

/** Each channel type and the shape of its `config`. */
export interface ChannelConfigs {
    webhook: WebhookConfig;
    slack: SlackConfig;
    discord: DiscordConfig;
    email: EmailConfig;
}

export type ChannelType = keyof ChannelConfigs;

/** What the provider must know about one channel type, beyond the shape of its config. */
export interface ChannelTypeDescriptor<Config> {
    /** The service in words, for messages and generated code: `Slack webhook`. */
    label: string;
    /** Config fields that are credentials: stored as Pulumi secrets and never compared with what the API returns. */
    secretFields: readonly (keyof Config & string)[];
}

export const channelTypeDescriptors: { [T in ChannelType]: ChannelTypeDescriptor<ChannelConfigs[T]> } = {
    webhook: { label: "webhook", secretFields: ["secret"] },
    slack: { label: "Slack webhook", secretFields: ["url"] },
    discord: { label: "Discord webhook", secretFields: ["url"] },
    email: { label: "email", secretFields: [] },
};

export const channelTypes = Object.keys(channelTypeDescriptors) as ChannelType[];

export function isChannelType(value: unknown): value is ChannelType {
    return typeof value === "string" && Object.hasOwn(channelTypeDescriptors, value);
}

/** The secret fields of a type; for a type not known yet (preview), every field any type keeps secret. */
export function secretFieldsOf(channelType: unknown): readonly string[] {
    return isChannelType(channelType) ? channelTypeDescriptors[channelType].secretFields : allSecretFields;
}

const allSecretFields = [...new Set(channelTypes.flatMap((type) => channelTypeDescriptors[type].secretFields))];
