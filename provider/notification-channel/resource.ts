import * as pulumi from "@pulumi/pulumi";
import { dynamicResourceProps } from "../core/dynamic-resource-props";
import { trimPromiseStacks } from "../core/promise-stacks";
import { finishCreateAfterSave } from "../create-finish/resource";
import type { InputTree } from "../core/input-tree";
import { secretFieldsOf, type ChannelConfigs, type ChannelType } from "./channel-types";
import { channelArgumentNames, channelComputedOutputs } from "./fields";
import shim = require("./shim");
import { channelTypeTokens } from "./type-token";

export type { WebhookConfig, SlackConfig, DiscordConfig, EmailConfig, ChannelType } from "./channel-types";

/**
 * The arguments of one channel type. `channelType` is a plain literal, not an `Input`: it chooses the shape of
 * `config`, so TypeScript can name the wrong config field instead of blaming the type.
 */
export interface ChannelArgs<T extends ChannelType> {
    /**
     * The kind of channel. Changing it **replaces** the channel: hookstream cannot change a channel's type. The new
     * channel is created before the old one is deleted, and the rules that list it are updated in between; with
     * `deleteBeforeReplace`, those rules point at a deleted channel until they are updated.
     */
    channelType: T;
    /** The channel's settings; their shape depends on `channelType`. Credential fields are stored as secrets. */
    config: InputTree<ChannelConfigs[T]>;
    /**
     * The channel's display name in hookstream. 1–255 characters, not blank, no control characters. Because it
     * defaults to the resource name, renaming the resource (with an alias) renames the channel too: set `name`
     * to the old resource name to keep the display name.
     * @default the resource name
     */
    name?: pulumi.Input<string>;
    /**
     * Whether hookstream sends alerts to this channel. A disabled channel is kept with its config.
     * @default true
     */
    enabled?: pulumi.Input<boolean>;
    /**
     * The id of an existing channel to take over instead of creating one. On create, the channel is read, its type
     * checked, and it is updated to the declared state; from then on it is an ordinary managed channel, and removing
     * `adopt` changes nothing. The `import` resource option does the same. Destroying the resource deletes the
     * channel: use `retainOnDelete` or `pulumi state delete` to let it go.
     * @example "nc_5f1c0a9e2b7d4c3a8e6f1b2c3d4e5f60"
     */
    adopt?: pulumi.Input<string>;
    /**
     * Prove that the channel delivers: after the channel is created, and after any change of `config`, hookstream
     * sends a test notification through it, and a failed delivery fails the step with hookstream's reason. The
     * channel stays in the stack, and the next `up` tests it again. Never runs during preview.
     * @default false
     */
    verify?: pulumi.Input<boolean>;
}

/**
 * A webhook channel: hookstream POSTs alerts to `config.url`.
 * @example { channelType: "webhook", config: { url: "https://ops.example.com/alerts", secret: cfg.requireSecret("signing") } }
 */
export type WebhookChannelArgs = ChannelArgs<"webhook">;
/** A Slack channel. @example { channelType: "slack", config: { url: cfg.requireSecret("slackWebhookUrl") } } */
export type SlackChannelArgs = ChannelArgs<"slack">;
/** A Discord channel. @example { channelType: "discord", config: { url: cfg.requireSecret("discordWebhookUrl") } } */
export type DiscordChannelArgs = ChannelArgs<"discord">;
/** An email channel. @example { channelType: "email", config: { recipients: ["oncall@example.com"] } } */
export type EmailChannelArgs = ChannelArgs<"email">;

/** The arguments of a NotificationChannel: one member per channel type. */
export type NotificationChannelArgs = { [T in ChannelType]: ChannelArgs<T> }[ChannelType];

/**
 * A hookstream notification channel: where hookstream sends its alerts (webhook, Slack, Discord or email).
 *
 * Credentials come from stack config `hookstream:apiKey` (a secret) and `hookstream:baseUrl`, or from
 * `HOOKSTREAM_API_KEY` / `HOOKSTREAM_BASE_URL`; they are read by the provider, never stored in state.
 */
export class NotificationChannel extends pulumi.dynamic.Resource {
    /** The type token Pulumi records for every NotificationChannel. */
    static readonly typeToken = channelTypeTokens.dynamic;

    declare readonly channelType: pulumi.Output<ChannelType>;
    declare readonly name: pulumi.Output<string>;
    /** As declared; secret fields stay secret. */
    declare readonly config: pulumi.Output<Record<string, unknown>>;
    declare readonly enabled: pulumi.Output<boolean>;
    /** Whether a test delivery is sent after create and after each change of `config`. */
    declare readonly verify: pulumi.Output<boolean | undefined>;
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
        const declared = args && { ...args, config: withSecretFields(args.channelType, args.config) };
        const { props, options } = dynamicResourceProps(name, declared, opts, {
            typeToken: channelTypeTokens.dynamic,
            argumentNames: channelArgumentNames,
            computedOutputs: channelComputedOutputs,
        });
        const stacks = trimPromiseStacks();
        try {
            super(shim, name, props, options, "hookstream", "NotificationChannel");
        } catch (error) {
            throw stacks.restore(error);
        }
        stacks.restore();
        if (declared !== undefined) finishCreateAfterSave(this, name, "NotificationChannel");
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
    const keys = secretFieldsOf(typeof channelType === "string" ? channelType : undefined);
    const marked: Record<string, unknown> = { ...(config as Record<string, unknown>) };
    for (const key of keys) {
        if (marked[key] !== undefined) marked[key] = pulumi.secret(marked[key] as pulumi.Input<unknown>);
    }
    return marked;
}
