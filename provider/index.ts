export { NotificationChannel } from "./resource";
export type {
    NotificationChannelArgs,
    WebhookChannelArgs,
    SlackChannelArgs,
    DiscordChannelArgs,
    EmailChannelArgs,
    WebhookConfig,
    SlackConfig,
    DiscordConfig,
    EmailConfig,
} from "./resource";
export type { ChannelType } from "./channel-types";
export {
    HookstreamError,
    ApiError,
    ConfigError,
    NetworkError,
    TimeoutError,
    BadResponseError,
    PartialCreateError,
    isHookstreamError,
    type HookstreamErrorCode,
} from "./errors";
