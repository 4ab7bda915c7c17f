import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel, type AlertRuleArgs, type NotificationChannelArgs } from "pulumi-hookstream";

// `channels` maps resource names to NotificationChannel arguments; `rules` maps resource names to AlertRule
// arguments whose `channels` lists channel resource names, turned into `channelIds` here.
const config = new pulumi.Config();
const declaredChannels = config.requireObject<Record<string, NotificationChannelArgs>>("channels");
const declaredRules =
    config.getObject<Record<string, Omit<AlertRuleArgs, "channelIds"> & { channels: string[] }>>("rules") ?? {};

// A string "$secret:<key>" stands for the secret stack config value <key>, read with `require` on purpose: the
// resource receives a plain string and must still keep it secret in state.
function resolveSecrets(value: unknown): unknown {
    if (typeof value === "string" && value.startsWith("$secret:")) {
        return config.require(value.slice("$secret:".length));
    }
    if (Array.isArray(value)) return value.map(resolveSecrets);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v)]));
    }
    return value;
}

const channels: Record<string, NotificationChannel> = {};
export const channelIds: Record<string, pulumi.Output<string>> = {};
for (const [resourceName, args] of Object.entries(declaredChannels)) {
    const channel = new NotificationChannel(resourceName, resolveSecrets(args) as NotificationChannelArgs);
    channels[resourceName] = channel;
    channelIds[resourceName] = channel.id;
}

export const ruleIds: Record<string, pulumi.Output<string>> = {};
for (const [resourceName, { channels: names, ...args }] of Object.entries(declaredRules)) {
    const channelIdsOfRule = names.map((name) => {
        const channel = channels[name];
        if (channel === undefined) throw new Error(`rule ${resourceName} names no declared channel: ${name}`);
        return channel.id;
    });
    ruleIds[resourceName] = new AlertRule(resourceName, { ...args, channelIds: channelIdsOfRule } as AlertRuleArgs).id;
}
