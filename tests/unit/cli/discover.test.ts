import assert from "node:assert/strict";
import { renderProgram, unfinishedCreateNotes } from "../../../cli/discover";
import type { Rule } from "../../../provider/alert-rule/response";
import type { Channel } from "../../../provider/notification-channel/response";
import { markedName } from "../../../provider/core/create-token";
import { resourceKinds } from "../../../provider/resources";
import { renderers } from "../../../cli/renderers";

function channel(overrides: Partial<Channel>): Channel {
    return {
        id: "id",
        name: "n",
        channelType: "email",
        config: { recipients: ["a@example.com"] },
        enabled: true,
        ...overrides,
    };
}

function alertRule(overrides: Partial<Rule>): Rule {
    return {
        id: "ar",
        name: "r",
        ruleType: "dlq",
        ruleConfig: { threshold: 5 },
        channelIds: [],
        cooldownMinutes: 60,
        enabled: true,
        ...overrides,
    };
}

describe("discover: rendering a project's channels and alert rules as a program", function () {
    it("adopts each channel and turns secrets into requireSecret references with matching config lines", function () {
        const { code, secrets } = renderProgram({
            NotificationChannel: [
                channel({
                    id: "nc_1",
                    name: "Ops Slack",
                    channelType: "slack",
                    config: { url: "https://hooks.slack.com/x" },
                }),
                channel({
                    id: "nc_2",
                    name: "Hook",
                    channelType: "webhook",
                    enabled: false,
                    config: { url: "https://h.example", secret: "s3cret-value" },
                }),
            ],
        });
        // Nothing refers to them: plain statements, not variables (which a program would export as stack outputs).
        assert.match(code, /^new NotificationChannel\("ops-slack", \{\n {4}adopt: "nc_1",/m);
        assert.equal(code.includes("export const"), false);
        assert.match(code, /config: \{ url: config\.requireSecret\("opsSlackWebhookUrl"\) \}/);
        assert.match(
            code,
            /config: \{ url: "https:\/\/h\.example", secret: config\.requireSecret\("hookWebhookSigningSecret"\) \}/,
        );
        assert.match(code, /enabled: false/);
        assert.match(code, /pulumi config set --secret opsSlackWebhookUrl <Slack webhook URL of "Ops Slack" \(nc_1\)>/);
        assert.equal(code.includes("s3cret-value"), false, "secret values stay out unless asked for");
        assert.equal(code.includes("hooks.slack.com"), false);
        assert.deepEqual(
            secrets.map((s) => s.key),
            ["opsSlackWebhookUrl", "hookWebhookSigningSecret"],
        );
    });

    it("puts secret values into the config lines only with revealSecrets", function () {
        const { code } = renderProgram(
            {
                NotificationChannel: [
                    channel({
                        id: "x",
                        name: "it's",
                        channelType: "discord",
                        config: { url: "https://d.example/a'b" },
                    }),
                ],
            },
            { revealSecrets: true },
        );
        assert.match(code, /pulumi config set --secret itSDiscordWebhookUrl 'https:\/\/d\.example\/a'\\''b'/);
        assert.ok(code.endsWith("});\n"), "the file ends with one newline");
    });

    it("imports only NotificationChannel when the project has no alert rule", function () {
        const { code } = renderProgram({ NotificationChannel: [channel({ id: "nc_1", name: "ops" })] });
        assert.match(code, /^import \{ NotificationChannel \} from "pulumi-hookstream";$/m);
        assert.match(code, /1 channel\(s\) and 0 alert rule\(s\)/);
    });

    it("declares rules after the channels they use, referring to them by variable", function () {
        const { code } = renderProgram({
            NotificationChannel: [
                channel({ id: "nc_ops", name: "ops" }),
                channel({ id: "nc_oncall", name: "On call" }),
            ],
            AlertRule: [
                alertRule({ id: "ar_1", name: "ops", channelIds: ["nc_ops", "nc_oncall"] }),
                alertRule({ id: "ar_2", name: "Dead letters", channelIds: ["nc_missing"] }),
            ],
        });
        assert.match(code, /^import \{ AlertRule, NotificationChannel \} from "pulumi-hookstream";$/m);
        assert.match(code, /2 channel\(s\) and 2 alert rule\(s\)/);
        // Channels a rule refers to are variables; the rules themselves are plain statements.
        assert.match(code, /^const ops = new NotificationChannel\("ops", \{$/m);
        assert.match(code, /^new AlertRule\("ops", \{\n {4}adopt: "ar_1",/m);
        assert.match(code, /channelIds: \[ops\.id, onCall\.id\],/);
        assert.match(code, /channelIds: \["nc_missing"\],/);
        assert.ok(code.indexOf("new AlertRule") > code.lastIndexOf("new NotificationChannel"));
    });

    it("gives two same-named channels of different types placeholders that name each type", function () {
        const { secrets } = renderProgram({
            NotificationChannel: [
                channel({
                    id: "nc_s",
                    createdAt: "2026-01-01T00:00:00Z",
                    name: "Ops Slack",
                    channelType: "slack",
                    config: { url: "https://hooks.slack.com/s" },
                }),
                channel({
                    id: "nc_d",
                    createdAt: "2026-02-01T00:00:00Z",
                    name: "Ops Slack",
                    channelType: "discord",
                    config: { url: "https://discord.com/d" },
                }),
            ],
        });
        assert.deepEqual(
            secrets.map((s) => [s.key, s.description]),
            [
                ["opsSlackWebhookUrl", 'Slack webhook URL of "Ops Slack" (nc_s)'],
                ["opsSlack2DiscordWebhookUrl", 'Discord webhook URL of "Ops Slack" (nc_d)'],
            ],
        );
    });

    it("has a renderer for every registered kind", function () {
        for (const kind of resourceKinds) assert.ok(renderers[kind.name], `no discover renderer for ${kind.name}`);
    });
});

describe("discover: creates that never finished", () => {
    it("names each object still carrying a create marker, and only those", () => {
        const notes = unfinishedCreateNotes([
            { id: "nc_1", name: "ops" },
            { id: "nc_2", name: markedName("ops", "0123456789abcdef") },
            { id: "r_1", name: "ops [creating soon]" },
        ]);
        assert.equal(notes.length, 1);
        assert.match(
            notes[0]!,
            /^note: nc_2 \("ops \[creating 0123456789abcdef\]"\) was left by a create that never finished/,
        );
    });
});
