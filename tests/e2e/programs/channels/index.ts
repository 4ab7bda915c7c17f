import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel, type NotificationChannelArgs } from "pulumi-hookstream";

// `channels` maps resource names to NotificationChannel arguments; `derived` adds a channel whose URL is built
// from another channel's id, so it is unknown during the first preview.
const config = new pulumi.Config();
const declared =
    config.requireObject<Record<string, NotificationChannelArgs & { deleteBeforeReplace?: boolean; import?: string }>>(
        "channels",
    );

// A string "$secret:<key>" in `channels` stands for the secret stack config value <key>, read with `require` on
// purpose: the resource receives a plain string and must still keep it secret in state.
function resolveSecrets(value: unknown): unknown {
    if (typeof value === "string" && value.startsWith("$secret:"))
        return config.require(value.slice("$secret:".length));
    if (Array.isArray(value)) return value.map(resolveSecrets);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveSecrets(v)]));
    }
    return value;
}

export const ids: Record<string, pulumi.Output<string>> = {};
const created: Record<string, NotificationChannel> = {};
// `deleteBeforeReplace` and `import` are resource options, given beside the arguments.
for (const [resourceName, { deleteBeforeReplace, import: importId, ...args }] of Object.entries(declared)) {
    const channel = new NotificationChannel(resourceName, resolveSecrets(args) as NotificationChannelArgs, {
        deleteBeforeReplace,
        import: importId,
    });
    created[resourceName] = channel;
    ids[resourceName] = channel.id;
}

const derivedFrom = config.get("derivedFrom");
if (derivedFrom !== undefined) {
    const source = created[derivedFrom];
    if (source === undefined) throw new Error(`derivedFrom names no channel: ${derivedFrom}`);
    const derived = new NotificationChannel("derived", {
        channelType: "webhook",
        config: { url: pulumi.interpolate`https://relay.example.com/from/${source.id}` },
    });
    ids.derived = derived.id;
}

// `lookupId` reads a channel managed elsewhere, without managing it.
const lookupId = config.get("lookupId");
const lookedUpChannel = lookupId === undefined ? undefined : NotificationChannel.get("looked-up", lookupId);
export const lookedUp = lookedUpChannel && { name: lookedUpChannel.name, type: lookedUpChannel.channelType };

export const outputsOfFirst = Object.values(created)[0]?.envId;
