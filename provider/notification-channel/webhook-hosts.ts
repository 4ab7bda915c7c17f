import { warnAbout, type WarningSink } from "../core/engine-log";
import type { ChannelInput } from "./schema";

/**
 * Which hosts a chat service's incoming webhooks live on. hookstream's docs do not say whether a `slack` channel
 * refuses a Discord URL or the reverse (docs/hookstream-api.md §2), so a URL on another host is valid but probably a
 * mistake: `check` warns and goes on. A relay or a test server of one's own is another host too; the warning says so.
 */
const serviceHosts = {
    slack: {
        service: "Slack",
        hosts: ["hooks.slack.com", "hooks.slack-gov.com"],
        example: "https://hooks.slack.com/services/…",
    },
    discord: {
        service: "Discord",
        hosts: ["discord.com", "discordapp.com", "ptb.discord.com", "canary.discord.com"],
        example: "https://discord.com/api/webhooks/…",
    },
} as const;

type ChatType = keyof typeof serviceHosts;

function serviceOf(host: string): ChatType | undefined {
    return (Object.keys(serviceHosts) as ChatType[]).find((type) =>
        (serviceHosts[type].hosts as readonly string[]).includes(host),
    );
}

/**
 * A warning for a Slack or Discord channel whose URL is not on that service's webhook host, naming the host alone (the
 * rest of the URL is a credential); none for other channels, or a URL that is not known yet or does not parse.
 */
export function warnOfForeignWebhookHost(channel: Pick<ChannelInput, "channelType" | "config">): string[] {
    const type = channel.channelType;
    if (type !== "slack" && type !== "discord") return [];
    const url = (channel.config as { url?: unknown }).url;
    if (typeof url !== "string" || !URL.canParse(url)) return [];
    const host = new URL(url).hostname.toLowerCase();
    const expected = serviceHosts[type];
    if ((expected.hosts as readonly string[]).includes(host)) return [];
    const other = serviceOf(host);
    const where =
        other === undefined
            ? `config.url is on ${host}, which is not ${expected.service}'s webhook host (${expected.hosts[0]})`
            : `config.url is on ${host}, a ${serviceHosts[other].service} webhook host`;
    const fix =
        other === undefined
            ? `If it relays to ${expected.service}, nothing is wrong; otherwise use a ${expected.service} incoming-webhook URL (${expected.example}).`
            : `Declare channelType "${other}", or use a ${expected.service} incoming-webhook URL (${expected.example}).`;
    return [`${where}, but channelType is "${type}". ${fix}`];
}

/** Warns, under the channel in the CLI's output, when its URL is on another service's host (a valid but odd input). */
export async function adviseOnWebhookHost(
    channel: Pick<ChannelInput, "channelType" | "config" | "__urn">,
    warn: WarningSink = warnAbout,
): Promise<void> {
    for (const warning of warnOfForeignWebhookHost(channel)) await warn(channel.__urn, warning);
}
