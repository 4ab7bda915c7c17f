import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { secretConfigKeys, type ChannelType } from "./channel-types";
import type { configSchemas } from "./schema";
import shim = require("./shim");

/** A value, or a value Pulumi resolves later, all the way down. */
type InputTree<T> = T extends readonly (infer E)[]
    ? pulumi.Input<InputTree<E>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: InputTree<T[K]> }>
      : pulumi.Input<T>;

/** `{ url, secret? }`: where hookstream POSTs alerts, signed with HMAC-SHA256 when `secret` is set. */
export type WebhookConfig = z.input<(typeof configSchemas)["webhook"]>;
/** `{ url }`: a Slack incoming-webhook URL. Stored as a secret. */
export type SlackConfig = z.input<(typeof configSchemas)["slack"]>;
/** `{ url }`: a Discord webhook URL. Stored as a secret. */
export type DiscordConfig = z.input<(typeof configSchemas)["discord"]>;
/** `{ recipients }`: the addresses hookstream emails alerts to. */
export type EmailConfig = z.input<(typeof configSchemas)["email"]>;

interface CommonArgs {
    /**
     * The channel's display name in hookstream. 1–255 characters, no control characters.
     * @default the resource name
     */
    name?: pulumi.Input<string>;
    /**
     * Whether hookstream sends alerts to this channel. A disabled channel is kept with its config.
     * @default true
     */
    enabled?: pulumi.Input<boolean>;
    /**
     * The id of an existing channel to take over instead of creating one (`pulumi import` cannot work for dynamic
     * resources, pulumi/pulumi#16175). On create, the channel is read, its type checked, and it is updated to the
     * declared state; from then on it is an ordinary managed channel, and removing `adopt` changes nothing.
     * Destroying the resource deletes the channel: use `retainOnDelete` or `pulumi state delete` to let it go.
     * @example "nc_5f1c0a9e2b7d4c3a8e6f1b2c3d4e5f60"
     */
    adopt?: pulumi.Input<string>;
}

/**
 * A webhook channel: hookstream POSTs alerts to `config.url`.
 * @example { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: cfg.requireSecret("signing") } }
 */
export interface WebhookChannelArgs extends CommonArgs {
    /** The kind of channel. Changing it replaces the channel: hookstream cannot change a channel's type. */
    channelType: pulumi.Input<"webhook">;
    /** `url`: an absolute http(s) URL without credentials. `secret`: the signing secret, stored as a secret. */
    config: InputTree<WebhookConfig>;
}

/** A Slack channel. @example { channelType: "slack", config: { url: cfg.requireSecret("slackWebhookUrl") } } */
export interface SlackChannelArgs extends CommonArgs {
    /** The kind of channel. Changing it replaces the channel. */
    channelType: pulumi.Input<"slack">;
    /** `url`: the Slack incoming-webhook URL. It is a credential, so it is stored as a secret. */
    config: InputTree<SlackConfig>;
}

/** A Discord channel. @example { channelType: "discord", config: { url: cfg.requireSecret("discordWebhookUrl") } } */
export interface DiscordChannelArgs extends CommonArgs {
    /** The kind of channel. Changing it replaces the channel. */
    channelType: pulumi.Input<"discord">;
    /** `url`: the Discord webhook URL. It is a credential, so it is stored as a secret. */
    config: InputTree<DiscordConfig>;
}

/** An email channel. @example { channelType: "email", config: { recipients: ["oncall@example.com"] } } */
export interface EmailChannelArgs extends CommonArgs {
    /** The kind of channel. Changing it replaces the channel. */
    channelType: pulumi.Input<"email">;
    /** `recipients`: 1–50 distinct email addresses. */
    config: InputTree<EmailConfig>;
}

export type NotificationChannelArgs = WebhookChannelArgs | SlackChannelArgs | DiscordChannelArgs | EmailChannelArgs;

/**
 * A hookstream notification channel: where hookstream sends its alerts (webhook, Slack, Discord or email).
 *
 * Credentials come from stack config `hookstream:apiKey` (a secret) and `hookstream:baseUrl`, or from
 * `HOOKSTREAM_API_KEY` / `HOOKSTREAM_BASE_URL`; they are read by the provider, never stored in state.
 */
export class NotificationChannel extends pulumi.dynamic.Resource {
    declare readonly channelType: pulumi.Output<ChannelType>;
    declare readonly name: pulumi.Output<string>;
    /** As declared; secret fields stay secret. */
    declare readonly config: pulumi.Output<Record<string, unknown>>;
    declare readonly enabled: pulumi.Output<boolean>;
    /** The hookstream organization that owns the channel. */
    declare readonly orgId: pulumi.Output<string | undefined>;
    /** The hookstream project (environment) the API key belongs to. */
    declare readonly envId: pulumi.Output<string | undefined>;
    /** Failed deliveries counted by hookstream. */
    declare readonly errorCount: pulumi.Output<number | undefined>;
    declare readonly lastError: pulumi.Output<string | undefined>;
    declare readonly lastSentAt: pulumi.Output<string | undefined>;
    declare readonly createdAt: pulumi.Output<string | undefined>;
    declare readonly updatedAt: pulumi.Output<string | undefined>;

    /**
     * A read-only view of a channel managed elsewhere (another stack, the dashboard): its current state, looked up
     * by id on every run. Nothing is created, changed or deleted. Secret config fields are not read back.
     */
    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): NotificationChannel {
        // No arguments: the engine reads the channel instead of creating it (the `id` option).
        return new NotificationChannel(name, undefined as unknown as NotificationChannelArgs, { ...opts, id });
    }

    constructor(name: string, args: NotificationChannelArgs, opts?: pulumi.CustomResourceOptions) {
        super(
            shim,
            name,
            {
                channelType: args?.channelType,
                config: args ? withSecretFields(args.channelType, args.config) : undefined,
                name: args ? (args.name ?? name) : undefined,
                enabled: args ? (args.enabled ?? true) : undefined,
                adopt: args?.adopt,
                orgId: undefined,
                envId: undefined,
                errorCount: undefined,
                lastError: undefined,
                lastSentAt: undefined,
                createdAt: undefined,
                updatedAt: undefined,
            },
            opts,
            "hookstream",
            "NotificationChannel",
        );
    }
}

/**
 * Marks the credential fields of a config secret even when they were given as plain strings, so they are encrypted
 * in state (inputs and outputs alike). A config that is itself an Output is marked secret as a whole; so is a field
 * whose channel type is not known yet.
 */
function withSecretFields(channelType: pulumi.Input<ChannelType>, config: unknown): pulumi.Input<object> {
    if (
        pulumi.Output.isInstance(config) ||
        config instanceof Promise ||
        typeof config !== "object" ||
        config === null
    ) {
        return pulumi.secret(config as pulumi.Input<object>);
    }
    const keys = typeof channelType === "string" ? (secretConfigKeys[channelType] ?? []) : ["url", "secret"];
    const marked: Record<string, unknown> = { ...(config as Record<string, unknown>) };
    for (const key of keys) {
        if (marked[key] !== undefined) marked[key] = pulumi.secret(marked[key] as pulumi.Input<unknown>);
    }
    return marked;
}
