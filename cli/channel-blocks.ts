import { channelTypeDescriptors, isChannelType, secretFieldsOf } from "../provider/notification-channel/channel-types";
import type { Channel } from "../provider/notification-channel/response";
import { objectLiteral, type BlockRenderer } from "./block-renderer";

/**
 * The `NotificationChannel` declarations of a discovered program: each channel adopted by id, declared as hookstream
 * holds it. Credentials (webhook secrets, Slack and Discord URLs) are read from stack config, never written out.
 */
export const channelBlocks: BlockRenderer<Channel> = {
    className: "NotificationChannel",
    word: "channel",
    fallbackName: (channel) => `${channel.channelType}-channel`,
    render(channel, context) {
        const secretKeys = new Set(secretFieldsOf(channel.channelType));
        const config: [string, string][] = [];
        for (const [key, value] of Object.entries(channel.config)) {
            if (value === undefined || value === null) continue;
            if (!secretKeys.has(key)) {
                config.push([key, JSON.stringify(value)]);
                continue;
            }
            const what = secretLabel(channel.channelType, key);
            config.push([
                key,
                context.secret(
                    configKey(context.variable, what),
                    typeof value === "string" ? value : undefined,
                    `${what} of ${JSON.stringify(channel.name)} (${channel.id})`,
                ),
            ]);
        }
        return {
            args: [
                `adopt: ${JSON.stringify(channel.id)}`,
                `channelType: ${JSON.stringify(channel.channelType)}`,
                `name: ${JSON.stringify(channel.name)}`,
                `enabled: ${channel.enabled}`,
                `config: ${objectLiteral(config)}`,
            ],
        };
    },
};

/** What a secret field holds, in words that name the channel type: `Slack webhook URL`, `webhook signing secret`. */
function secretLabel(channelType: string, key: string): string {
    const service = isChannelType(channelType) ? channelTypeDescriptors[channelType].label : channelType;
    if (key === "url") return `${service} URL`;
    if (key === "secret") return `${service} signing secret`;
    return `${service} ${key}`;
}

/**
 * A config key that says the type and is unique per channel: the channel's variable, then the label in camel case
 * without what the variable already says (`opsSlack` + `Slack webhook URL` = `opsSlackWebhookUrl`).
 */
function configKey(variable: string, label: string): string {
    const words = label.split(/[^A-Za-z0-9]+/).filter(Boolean);
    const lowerVariable = variable.toLowerCase();
    const kept = words.filter((word, index) => !(index === 0 && lowerVariable.endsWith(word.toLowerCase())));
    return variable + kept.map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()).join("");
}
