import assert from "node:assert/strict";
import { renderProgram, unfinishedCreateNotes } from "../../../cli/discover";
import type { Rule } from "../../../provider/alert-rule/response";
import type { Channel } from "../../../provider/notification-channel/response";
import { markedName } from "../../../provider/core/create-token";

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
            [],
            { revealSecrets: true },
        );
        assert.match(code, /pulumi config set --secret itSUrl 'https:\/\/d\.example\/a'\\''b'/);
    });

    it("imports only NotificationChannel when the project has no alert rule", function () {
        const { code } = renderProgram([channel({ id: "nc_1", name: "ops" })]);
        assert.match(code, /^import \{ NotificationChannel \} from "pulumi-hookstream";$/m);
        assert.match(code, /1 channel\(s\) and 0 alert rule\(s\)/);
    });

    it("declares rules after the channels they use, referring to them by variable", function () {
        const { code } = renderProgram(
            [channel({ id: "nc_ops", name: "ops" }), channel({ id: "nc_oncall", name: "On call" })],
            [
                alertRule({ id: "ar_1", name: "ops", channelIds: ["nc_ops", "nc_oncall"] }),
                alertRule({ id: "ar_2", name: "Dead letters", channelIds: ["nc_missing"] }),
            ],
        );
        assert.match(code, /^import \{ AlertRule, NotificationChannel \} from "pulumi-hookstream";$/m);
        assert.match(code, /2 channel\(s\) and 2 alert rule\(s\)/);
        // A rule named like a channel gets a variable of its own.
        assert.match(code, /export const opsRule = new AlertRule\("ops", \{\n {4}adopt: "ar_1",/);
        assert.match(code, /channelIds: \[ops\.id, onCall\.id\],/);
        assert.match(code, /channelIds: \["nc_missing"\],/);
        assert.ok(code.indexOf("new AlertRule") > code.lastIndexOf("new NotificationChannel"));
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
