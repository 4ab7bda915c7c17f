import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel, type NotificationChannelArgs } from "pulumi-hookstream";

// channels.json is the reviewed source of truth: a pull request that edits it gets a `pulumi preview --diff`
// comment, and merging it to main applies it. Secret-bearing channels take their secret from stack config.
const cfg = new pulumi.Config();
const declared = JSON.parse(fs.readFileSync(path.join(__dirname, "channels.json"), "utf8")) as Record<
    string,
    NotificationChannelArgs
>;

const channels: Record<string, NotificationChannel> = {};
for (const [name, args] of Object.entries(declared)) channels[name] = new NotificationChannel(name, args);

const slackUrl = cfg.getSecret("slackWebhookUrl");
if (slackUrl !== undefined) {
    channels["ops-slack"] = new NotificationChannel("ops-slack", { channelType: "slack", config: { url: slackUrl } });
}

export const channelIds = Object.fromEntries(Object.entries(channels).map(([name, channel]) => [name, channel.id]));
