import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel } from "pulumi-hookstream";

// One channel of each type. Credentials and webhook URLs come from secret stack config:
//   pulumi config set --secret opsSigningSecret …
//   pulumi config set --secret slackWebhookUrl https://hooks.slack.com/services/…
//   pulumi config set --secret discordWebhookUrl https://discord.com/api/webhooks/…
const cfg = new pulumi.Config();

const ops = new NotificationChannel("ops-webhook", {
    channelType: "webhook",
    name: "Ops webhook",
    config: { url: "https://ops.example.com/hookstream-alerts", secret: cfg.requireSecret("opsSigningSecret") },
});

const slack = new NotificationChannel("ops-slack", {
    channelType: "slack",
    name: "Ops Slack",
    config: { url: cfg.requireSecret("slackWebhookUrl") },
});

const discord = new NotificationChannel("community-discord", {
    channelType: "discord",
    config: { url: cfg.requireSecret("discordWebhookUrl") },
    enabled: false, // declared, kept quiet until the community rota starts
});

const oncall = new NotificationChannel("oncall-email", {
    channelType: "email",
    config: { recipients: cfg.getObject<string[]>("oncallEmails") ?? ["oncall@example.com"] },
});

export const channelIds = { ops: ops.id, slack: slack.id, discord: discord.id, oncall: oncall.id };
export const project = ops.envId;
