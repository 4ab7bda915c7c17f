import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel } from "pulumi-hookstream";

// Each stack is one hookstream project: `pulumi config set --secret hookstream:apiKey <that project's key>`.
// Which channels exist, and where they point, is stack config (Pulumi.<stack>.yaml), reviewed like code.
const cfg = new pulumi.Config();
const environment = pulumi.getStack();

const alerts = new NotificationChannel("alerts", {
    channelType: "webhook",
    name: `${environment} alerts`,
    config: { url: cfg.require("alertWebhookUrl"), secret: cfg.requireSecret("alertSigningSecret") },
});

const slack = cfg.getBoolean("slack")
    ? new NotificationChannel("slack", {
          channelType: "slack",
          name: `${environment} Slack`,
          config: { url: cfg.requireSecret("slackWebhookUrl") },
      })
    : undefined;

const oncallEmails = cfg.getObject<string[]>("oncallEmails") ?? [];
const oncall =
    oncallEmails.length > 0
        ? new NotificationChannel("oncall", {
              channelType: "email",
              name: `${environment} on-call`,
              config: { recipients: oncallEmails },
              enabled: cfg.getBoolean("paging") ?? true,
          })
        : undefined;

export const channelIds = { alerts: alerts.id, slack: slack?.id, oncall: oncall?.id };
