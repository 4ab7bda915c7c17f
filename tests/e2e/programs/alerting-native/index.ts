import * as pulumi from "@pulumi/pulumi";

// The program of ../alerting, with the native provider's resources in place of the dynamic ones: each
// `new NotificationChannel(name, args)` becomes a CustomResource of type hookstream:index:NotificationChannel with
// the same name and arguments, as a generated SDK registers it. `channels` and `rules` are read as there.
type Declared = Record<string, unknown>;
type DeclaredRule = Declared & { channels?: string[] };

const config = new pulumi.Config();
const declaredChannels = config.getObject<Record<string, Declared>>("channels") ?? {};
const declaredRules = config.getObject<Record<string, DeclaredRule>>("rules") ?? {};

// "$secret:<key>" stands for the secret stack config value <key>, read as there with `require`: the provider keeps
// the value secret in state by itself.
function resolveSecrets(value: unknown): unknown {
    if (typeof value === "string" && value.startsWith("$secret:"))
        return config.require(value.slice("$secret:".length));
    if (Array.isArray(value)) return value.map(resolveSecrets);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v)]));
    }
    return value;
}

class NotificationChannel extends pulumi.CustomResource {
    constructor(name: string, args: pulumi.Inputs) {
        super("hookstream:index:NotificationChannel", name, args);
    }
}

class AlertRule extends pulumi.CustomResource {
    constructor(name: string, args: pulumi.Inputs) {
        super("hookstream:index:AlertRule", name, args);
    }
}

export const channelIds: Record<string, pulumi.Output<string>> = {};
for (const [resourceName, args] of Object.entries(declaredChannels)) {
    channelIds[resourceName] = new NotificationChannel(resourceName, resolveSecrets(args) as pulumi.Inputs).id;
}

export const ruleIds: Record<string, pulumi.Output<string>> = {};
for (const [resourceName, { channels, ...args }] of Object.entries(declaredRules)) {
    const ids = channels?.map((channelName) => {
        const id = channelIds[channelName];
        if (id === undefined) throw new Error(`rule ${resourceName} names no declared channel: ${channelName}`);
        return id;
    });
    ruleIds[resourceName] = new AlertRule(resourceName, ids === undefined ? args : { ...args, channelIds: ids }).id;
}
