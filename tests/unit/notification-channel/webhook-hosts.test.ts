import assert from "node:assert/strict";
import { adviseOnWebhookHost, warnOfForeignWebhookHost } from "../../../provider/notification-channel/webhook-hosts";

const slackUrl = "https://hooks.slack.com/services/T0000000/B0000000/slack-secret-token";
const discordUrl = "https://discord.com/api/webhooks/123456789012345678/discord-secret-token";

describe("warnOfForeignWebhookHost", () => {
    const quiet: [title: string, channelType: string, config: Record<string, unknown>][] = [
        ["a Slack URL on a slack channel", "slack", { url: slackUrl }],
        ["a GovSlack URL on a slack channel", "slack", { url: "https://hooks.slack-gov.com/services/T0/B0/x" }],
        ["a Discord URL on a discord channel", "discord", { url: discordUrl }],
        [
            "a legacy discordapp.com URL on a discord channel",
            "discord",
            { url: "https://discordapp.com/api/webhooks/1/x" },
        ],
        ["a Slack URL on a plain webhook channel", "webhook", { url: slackUrl }],
        ["an email channel", "email", { recipients: ["ops@example.com"] }],
        ["a URL that does not parse (check fails it)", "slack", { url: "not a url" }],
    ];
    for (const [title, channelType, config] of quiet) {
        it(`says nothing of ${title}`, () => {
            assert.deepEqual(warnOfForeignWebhookHost({ channelType, config } as never), []);
        });
    }

    it("tells a Discord URL on a slack channel, naming the host and the fix (issue 21)", () => {
        const [warning] = warnOfForeignWebhookHost({ channelType: "slack", config: { url: discordUrl } });
        assert.equal(
            warning,
            'config.url is on discord.com, a Discord webhook host, but channelType is "slack". Declare channelType ' +
                '"discord", or use a Slack incoming-webhook URL (https://hooks.slack.com/services/…).',
        );
    });

    it("tells a Slack URL on a discord channel", () => {
        const [warning] = warnOfForeignWebhookHost({ channelType: "discord", config: { url: slackUrl } });
        assert.match(
            warning!,
            /^config\.url is on hooks\.slack\.com, a Slack webhook host, but channelType is "discord"/,
        );
    });

    it("tells another host on a slack channel, allowing for a relay", () => {
        const [warning] = warnOfForeignWebhookHost({
            channelType: "slack",
            config: { url: "https://relay.example.com/slack/ops" },
        });
        assert.match(warning!, /relay\.example\.com, which is not Slack's webhook host \(hooks\.slack\.com\)/);
        assert.match(warning!, /If it relays to Slack, nothing is wrong/);
    });

    it("never repeats more of the URL than its host", () => {
        for (const [channelType, url] of [
            ["slack", discordUrl],
            ["discord", slackUrl],
        ] as const) {
            for (const warning of warnOfForeignWebhookHost({ channelType, config: { url } })) {
                assert.equal(warning.includes("secret-token"), false, warning);
                assert.equal(warning.includes("/api/webhooks/123"), false, warning);
                assert.equal(warning.includes("T0000000"), false, warning);
            }
        }
    });
});

describe("adviseOnWebhookHost", () => {
    it("sends each warning with the channel's URN", async () => {
        const sent: [string | undefined, string][] = [];
        const urn = "urn:pulumi:dev::app::pulumi-nodejs:dynamic/hookstream:NotificationChannel::chat";
        await adviseOnWebhookHost({ channelType: "slack", config: { url: discordUrl }, __urn: urn }, async (u, m) => {
            sent.push([u, m]);
        });
        assert.equal(sent.length, 1);
        assert.equal(sent[0]![0], urn);
        assert.match(sent[0]![1], /discord\.com/);
    });
});
