import assert from "node:assert/strict";
import { identifier, renderProgram, resourceNames } from "../../../cli/discover";
import type { Channel } from "../../../provider/notification-channel/response";

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

describe("discover: rendering a project's channels as a program", function () {
    it("names resources in kebab case and numbers duplicates in order of creation", function () {
        const names = resourceNames([
            channel({ id: "b", name: "Ops Alerts", createdAt: "2026-01-02T00:00:00Z" }),
            channel({ id: "a", name: "ops alerts", createdAt: "2026-01-01T00:00:00Z" }),
            channel({ id: "c", name: "Équipe — Nuit!", createdAt: "2026-01-03T00:00:00Z" }),
            channel({ id: "d", name: "***", channelType: "slack" }),
        ]);
        assert.equal(names.get("a"), "ops-alerts");
        assert.equal(names.get("b"), "ops-alerts-2");
        assert.equal(names.get("c"), "equipe-nuit");
        assert.equal(names.get("d"), "slack-channel");
    });

    it("makes identifiers valid TypeScript", function () {
        assert.equal(identifier("ops-slack"), "opsSlack");
        assert.equal(identifier("2nd-shift"), "channel2ndShift");
        assert.equal(identifier("delete"), "deleteChannel");
    });

    it("adopts each channel and turns secrets into requireSecret references with matching config lines", function () {
        const { code, secrets } = renderProgram([
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
        ]);
        assert.match(code, /export const opsSlack = new NotificationChannel\("ops-slack", \{\n {4}adopt: "nc_1",/);
        assert.match(code, /config: \{ url: config\.requireSecret\("opsSlackUrl"\) \}/);
        assert.match(code, /config: \{ url: "https:\/\/h\.example", secret: config\.requireSecret\("hookSecret"\) \}/);
        assert.match(code, /enabled: false/);
        assert.match(code, /pulumi config set --secret opsSlackUrl <url of "Ops Slack">/);
        assert.equal(code.includes("s3cret-value"), false, "secret values stay out unless asked for");
        assert.equal(code.includes("hooks.slack.com"), false);
        assert.deepEqual(
            secrets.map((s) => s.key),
            ["opsSlackUrl", "hookSecret"],
        );
    });

    it("puts secret values into the config lines only with revealSecrets", function () {
        const { code } = renderProgram(
            [channel({ id: "x", name: "it's", channelType: "discord", config: { url: "https://d.example/a'b" } })],
            { revealSecrets: true },
        );
        assert.match(code, /pulumi config set --secret itSUrl 'https:\/\/d\.example\/a'\\''b'/);
    });
});
