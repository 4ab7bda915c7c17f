import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel } from "pulumi-hookstream";

// Each stack is one hookstream project: `pulumi config set --secret hookstream:apiKey <that project's key>`.
// The channels are the same everywhere; the stack's config (Pulumi.<stack>.yaml) decides which rules exist, their
// thresholds, and which channels each rule notifies.
const cfg = new pulumi.Config();
const environment = pulumi.getStack();

const channels = {
    webhook: new NotificationChannel("incident-webhook", {
        channelType: "webhook",
        name: `${environment} incidents`,
        config: { url: cfg.require("incidentWebhookUrl"), secret: cfg.requireSecret("incidentSigningSecret") },
    }),
    email: new NotificationChannel("oncall-email", {
        channelType: "email",
        name: `${environment} on-call`,
        config: { recipients: cfg.requireObject<string[]>("oncallEmails") },
    }),
};
type ChannelName = keyof typeof channels;

interface Routed {
    /** The channels this rule notifies, by the names above. */
    notify: ChannelName[];
}
interface Alerts {
    /** Share of failed deliveries, as a fraction: 0.05 is 5 %. */
    failureRate?: Routed & { threshold: number };
    latency?: Routed & { thresholdMs: number; percentile?: number };
    /** Events waiting in the dead-letter queue. */
    dlq?: Routed & { threshold: number };
}
const alerts = cfg.requireObject<Alerts>("alerts");
const cooldownMinutes = cfg.getNumber("cooldownMinutes") ?? 60;

function channelIdsOf(rule: string, notify: ChannelName[]): pulumi.Output<string>[] {
    const known: Record<string, NotificationChannel | undefined> = channels;
    return notify.map((name) => {
        const channel = known[name];
        if (channel === undefined) {
            throw new Error(
                `alerts.${rule}.notify names "${name}"; the channels are ${Object.keys(channels).join(", ")}`,
            );
        }
        return channel.id;
    });
}

const rules: Record<string, AlertRule> = {};
if (alerts.failureRate) {
    rules.failureRate = new AlertRule("failure-rate", {
        ruleType: "failure_rate",
        name: `${environment}: deliveries failing`,
        ruleConfig: { threshold: alerts.failureRate.threshold },
        channelIds: channelIdsOf("failureRate", alerts.failureRate.notify),
        cooldownMinutes,
    });
}
if (alerts.latency) {
    rules.latency = new AlertRule("latency", {
        ruleType: "latency",
        name: `${environment}: deliveries slow`,
        ruleConfig: { thresholdMs: alerts.latency.thresholdMs, percentileTarget: alerts.latency.percentile },
        channelIds: channelIdsOf("latency", alerts.latency.notify),
        cooldownMinutes,
    });
}
if (alerts.dlq) {
    rules.dlq = new AlertRule("dead-letter-queue", {
        ruleType: "dlq",
        name: `${environment}: dead-letter queue growing`,
        ruleConfig: { threshold: alerts.dlq.threshold },
        channelIds: channelIdsOf("dlq", alerts.dlq.notify),
        cooldownMinutes,
    });
}

export const channelIds = { webhook: channels.webhook.id, email: channels.email.id };
export const ruleIds = Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, rule.id]));
