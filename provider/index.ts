import { assertSupportedNode } from "./core/node-version";

assertSupportedNode();

export { NotificationChannel } from "./notification-channel/resource";
export type {
    NotificationChannelArgs,
    ChannelArgs,
    WebhookChannelArgs,
    SlackChannelArgs,
    DiscordChannelArgs,
    EmailChannelArgs,
    WebhookConfig,
    SlackConfig,
    DiscordConfig,
    EmailConfig,
    ChannelType,
} from "./notification-channel/resource";
export { AlertRule } from "./alert-rule/resource";
export type {
    AlertRuleArgs,
    AlertRuleCommonArgs,
    ThresholdRuleArgs,
    FailureRateRuleArgs,
    LatencyRuleArgs,
    VolumeDropRuleArgs,
    DlqRuleArgs,
    IssueOpenedRuleArgs,
    FailureRateConfig,
    LatencyConfig,
    VolumeDropConfig,
    DlqConfig,
    IssueOpenedConfig,
    RuleConfigs,
    RuleType,
} from "./alert-rule/resource";
export {
    HookstreamError,
    ApiError,
    ConfigError,
    NetworkError,
    TimeoutError,
    BadResponseError,
    PartialCreateError,
    WrongProjectError,
    VerifyError,
    isHookstreamError,
    type HookstreamErrorCode,
} from "./core/errors";
