import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel, type AlertRuleArgs, type NotificationChannelArgs } from "pulumi-hookstream";

// `channels` maps resource names to NotificationChannel arguments; `rules` maps resource names to AlertRule
// arguments, where `channels` lists channel resource names whose ids become `channelIds`.
type ResourceOptions = { deleteBeforeReplace?: boolean; import?: string };
type DeclaredRule = AlertRuleArgs & ResourceOptions & { channels?: string[] };

const config = new pulumi.Config();
const declaredChannels = config.getObject<Record<string, NotificationChannelArgs & ResourceOptions>>("channels") ?? {};
const declaredRules = config.getObject<Record<string, DeclaredRule>>("rules") ?? {};

// A string "$secret:<key>" stands for the secret stack config value <key>, read with `require` on purpose: the
// resource receives a plain string and must still keep it secret in state.
function resolveSecrets(value: unknown): unknown {
    if (typeof value === "string" && value.startsWith("$secret:"))
        return config.require(value.slice("$secret:".length));
    if (Array.isArray(value)) return value.map(resolveSecrets);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v)]));
    }
    return value;
}

export const channelIds: Record<string, pulumi.Output<string>> = {};
for (const [resourceName, { deleteBeforeReplace, import: importId, ...args }] of Object.entries(declaredChannels)) {
    const channel = new NotificationChannel(resourceName, resolveSecrets(args) as NotificationChannelArgs, {
        deleteBeforeReplace,
        import: importId,
    });
    channelIds[resourceName] = channel.id;
}

export const ruleIds: Record<string, pulumi.Output<string>> = {};
for (const [resourceName, declared] of Object.entries(declaredRules)) {
    const { deleteBeforeReplace, import: importId, channels, ...args } = declared;
    const ids = channels?.map((channelName) => {
        const id = channelIds[channelName];
        if (id === undefined) throw new Error(`rule ${resourceName} names no declared channel: ${channelName}`);
        return id;
    });
    const rule = new AlertRule(resourceName, ids === undefined ? args : { ...args, channelIds: ids }, {
        deleteBeforeReplace,
        import: importId,
    });
    ruleIds[resourceName] = rule.id;
}
