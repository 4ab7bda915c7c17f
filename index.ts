import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel } from "pulumi-hookstream";

// Alerting as code in two resources: an email channel, and a rule that sends it failing-delivery alerts.
const cfg = new pulumi.Config();

const oncall = new NotificationChannel("oncall", {
    channelType: "email",
    config: { recipients: cfg.getObject<string[]>("oncallEmails") ?? ["oncall@example.com"] },
});

const failing = new AlertRule("deliveries-failing", {
    ruleType: "failure_rate",
    ruleConfig: { threshold: cfg.getNumber("failureRate") ?? 0.1 },
    channelIds: [oncall.id],
});

export const channelId = oncall.id;
export const ruleId = failing.id;
export const project = oncall.envId;
