import assert from "node:assert/strict";
import { createConsumerProject, type ProjectLayout } from "../../scripts/packed-project";
import { formatDiagnostics, typecheck, type Diagnostic } from "./support/typecheck";

/**
 * The published declarations, compiled by `tsc --noEmit` in the user's own project with the user's own tsconfig:
 * a program using every public export compiles, and a wrong program fails with an error that names what is wrong.
 */

const everyExport = `
import * as pulumi from "@pulumi/pulumi";
import {
    AlertRule,
    NotificationChannel,
    isHookstreamError,
    type AlertRuleArgs,
    type DlqConfig,
    type LatencyRuleArgs,
    type RuleType,
    type VerifyError,
    type WrongProjectError,
    type ApiError,
    type BadResponseError,
    type ChannelType,
    type ConfigError,
    type DiscordChannelArgs,
    type DiscordConfig,
    type EmailChannelArgs,
    type EmailConfig,
    type HookstreamError,
    type HookstreamErrorCode,
    type NetworkError,
    type NotificationChannelArgs,
    type PartialCreateError,
    type SlackChannelArgs,
    type SlackConfig,
    type TimeoutError,
    type WebhookChannelArgs,
    type WebhookConfig,
} from "pulumi-hookstream";

const cfg = new pulumi.Config();

const webhookConfig: WebhookConfig = { url: "https://ops.example.com/alerts", secret: "signing-secret" };
const slackConfig: SlackConfig = { url: "https://hooks.slack.com/services/T/B/x" };
const discordConfig: DiscordConfig = { url: "https://discord.com/api/webhooks/1/x" };
const emailConfig: EmailConfig = { recipients: ["oncall@example.com"] };

const webhook: WebhookChannelArgs = {
    channelType: "webhook",
    name: "Ops webhook",
    config: { url: webhookConfig.url, secret: cfg.requireSecret("signingSecret") },
};
const slack: SlackChannelArgs = { channelType: "slack", config: { url: cfg.requireSecret("slackWebhookUrl") } };
const discord: DiscordChannelArgs = { channelType: "discord", config: discordConfig, enabled: false };
const email: EmailChannelArgs = { channelType: "email", config: emailConfig };
const declared: NotificationChannelArgs[] = [webhook, slack, discord, email, { channelType: "slack", config: slackConfig }];

const channels = declared.map((args, index) => new NotificationChannel(\`channel-\${index}\`, args));
const inline = new NotificationChannel("inline", {
    channelType: "email",
    config: { recipients: pulumi.output(["a@example.com", "b@example.com"]) },
    enabled: cfg.getBoolean("paging") ?? true,
});
const existing: NotificationChannel = NotificationChannel.get("existing", "nc_0123456789abcdef", { protect: true });

const latency: LatencyRuleArgs = {
    ruleType: "latency",
    ruleConfig: { thresholdMs: 1500, percentileTarget: 99 },
    channelIds: [channels[0]!.id],
};
const dlqConfig: DlqConfig = { threshold: 10 };
const rules: AlertRuleArgs[] = [
    latency,
    { ruleType: "failure_rate", ruleConfig: { threshold: 0.05 }, channelIds: channels.map((c) => c.id) },
    { ruleType: "dlq", ruleConfig: dlqConfig, cooldownMinutes: 30, enabled: false },
    { ruleType: "issue_opened", channelIds: [inline.id], description: "new issues" },
];
const alerting = rules.map((args, index) => new AlertRule(\`rule-\${index}\`, args));
const verified = new NotificationChannel(
    "verified",
    { channelType: "webhook", config: { url: "https://ops.example.com/v" }, verify: true },
    { import: "nc_0123456789abcdef" },
);
export const ruleTypes: pulumi.Output<RuleType>[] = alerting.map((rule) => rule.ruleType);
export const verifiedId = verified.id;

export const ids: pulumi.Output<string>[] = channels.map((channel) => channel.id);
export const existingType: pulumi.Output<ChannelType> = existing.channelType;
export const inlineEnabled: pulumi.Output<boolean> = inline.enabled;

export function describeFailure(error: unknown): string {
    if (isHookstreamError(error, "HOOKSTREAM_API_ERROR")) {
        const api = error as ApiError;
        return \`\${api.status} \${api.requestId ?? "no request id"}\`;
    }
    if (isHookstreamError(error, "HOOKSTREAM_PARTIAL_CREATE")) {
        const partial = error as PartialCreateError;
        return \`\${partial.id}: \${partial.reasons.join("; ")}\`;
    }
    if (isHookstreamError(error)) {
        const failure: HookstreamError | ConfigError | NetworkError | TimeoutError | BadResponseError | WrongProjectError | VerifyError = error;
        const code: HookstreamErrorCode = failure.code;
        return \`\${code}: \${failure.message}\`;
    }
    return String(error);
}
`;

/** Each wrong program, and what the first error about it must say (and must not). */
const wrongPrograms: { name: string; program: string; says: RegExp }[] = [
    {
        name: "names `recipients` when a Slack channel is given an email config",
        program: `new NotificationChannel("c", { channelType: "slack", config: { recipients: ["a@b.c"] } });`,
        says: /'recipients'/,
    },
    {
        name: "names the misspelled channel type",
        program: `new NotificationChannel("c", { channelType: "slak", config: { url: "https://hooks.slack.com/x" } });`,
        says: /"slak"/,
    },
    {
        name: "says that a webhook config is missing `url`",
        program: `new NotificationChannel("c", { channelType: "webhook", config: { secret: "s" } });`,
        says: /Property 'url' is missing/,
    },
    {
        name: 'says that `enabled: "yes"` is not a boolean',
        program: `new NotificationChannel("c", { channelType: "email", config: { recipients: ["a@b.c"] }, enabled: "yes" });`,
        says: /Type '(string|"yes")' is not assignable to type '[^']*boolean/,
    },
    {
        name: "names `threshold` when a latency rule is given another rule's config",
        program: `new AlertRule("r", { ruleType: "latency", ruleConfig: { threshold: 5 } });`,
        says: /'threshold'/,
    },
    {
        name: "names the misspelled rule type",
        program: `new AlertRule("r", { ruleType: "failure-rate", ruleConfig: { threshold: 0.1 } });`,
        says: /"failure-rate"/,
    },
    {
        name: "names an error code that does not exist",
        program: `export const matches = (e: unknown) => isHookstreamError(e, "HOOKSTREAM_NO_SUCH_CODE");`,
        says: /"HOOKSTREAM_NO_SUCH_CODE"/,
    },
];

const caseFile = (index: number) => `cases/case-${index}.ts`;

for (const layout of ["template", "esm"] satisfies ProjectLayout[]) {
    describe(`the packed package's types in a ${layout === "template" ? "`pulumi new typescript`" : "ES module"} project`, function () {
        this.timeout(10 * 60_000);
        let project: string;
        let caseErrors: Diagnostic[];

        before(function () {
            const cases = Object.fromEntries(
                wrongPrograms.map((c, index) => [
                    caseFile(index),
                    `import { AlertRule, NotificationChannel, isHookstreamError } from "pulumi-hookstream";\n${c.program}\n`,
                ]),
            );
            project = createConsumerProject({
                layout,
                program: everyExport,
                files: {
                    ...cases,
                    "tsconfig.cases.json": JSON.stringify({ extends: "./tsconfig.json", files: Object.keys(cases) }),
                },
            });
            caseErrors = typecheck(project, "tsconfig.cases.json");
        });

        it("compiles a program that uses every public export with tsc --noEmit", function () {
            const errors = typecheck(project);
            assert.equal(formatDiagnostics(errors), "", `tsc --noEmit reported ${errors.length} errors`);
        });

        wrongPrograms.forEach((wrong, index) => {
            it(`${wrong.name}, rather than that the types are incompatible`, function () {
                const errors = caseErrors.filter((d) => d.file === caseFile(index));
                assert.ok(
                    errors.length > 0,
                    `no error in ${caseFile(index)}; all errors:\n${formatDiagnostics(caseErrors)}`,
                );
                const text = formatDiagnostics(errors);
                assert.match(text, wrong.says);
                assert.doesNotMatch(text, /Types of property '(channelType|ruleType)' are incompatible/);
            });
        });
    });
}
