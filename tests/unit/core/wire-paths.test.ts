import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../emulator";
import { createRule, updateRule } from "../../../provider/alert-rule/endpoints";
import { ruleWirePaths } from "../../../provider/alert-rule/wire-paths";
import { ApiError, NetworkError } from "../../../provider/core/errors";
import { Transport } from "../../../provider/core/transport";
import { inArgumentTerms, toArgumentPath, toArgumentTerms } from "../../../provider/core/wire-paths";
import { createChannel } from "../../../provider/notification-channel/endpoints";
import { channelWirePaths } from "../../../provider/notification-channel/wire-paths";

describe("toArgumentPath", () => {
    const cases: [wire: string, argument: string | undefined][] = [
        ["channel_ids.0", "channelIds[0]"],
        ["channel_ids[3]", "channelIds[3]"],
        ["channel_ids", "channelIds"],
        ["rule_config.threshold_ms", "ruleConfig.thresholdMs"],
        ["rule_config.percentile_target", "ruleConfig.percentileTarget"],
        ["rule_config.window", "ruleConfig.window"],
        ["cooldown_minutes", "cooldownMinutes"],
        ["slug", undefined],
    ];
    for (const [wire, argument] of cases) {
        it(`reads '${wire}' as ${argument ?? "no argument"}`, () => {
            assert.equal(toArgumentPath(wire, ruleWirePaths)?.path, argument);
        });
    }
});

describe("inArgumentTerms", () => {
    const body = { name: "errors", channel_ids: ["nc_0a1b2c3d4e5f60718293a4b5c6d7e8f9", "nc_gone"] };

    it("names the argument and the id sent for a rule's channel", () => {
        assert.equal(
            inArgumentTerms(
                "Invalid body: 'channel_ids.1' must be the id of a notification channel of this project",
                ruleWirePaths,
                body,
            ),
            "Invalid body: channelIds[1] (nc_gone) must be the id of a notification channel of this project",
        );
    });

    it("never names a channel's config value", () => {
        const secretUrl = "https://hooks.slack.com/services/T0/B0/secret-token";
        const message = inArgumentTerms("Invalid body: 'config.url' must be a valid http(s) URL", channelWirePaths, {
            config: { url: secretUrl },
        });
        assert.equal(message, "Invalid body: config.url must be a valid http(s) URL");
    });

    it("leaves a message without a known wire path as it was", () => {
        assert.equal(inArgumentTerms("No fields to update", ruleWirePaths, {}), "No fields to update");
        assert.equal(inArgumentTerms("'slug' must match", ruleWirePaths, {}), "'slug' must match");
    });
});

describe("toArgumentTerms against the emulator", () => {
    const apiKey = "hs_test_" + "w".repeat(64);
    let emulator: Emulator;
    let api: Transport;

    before(async () => {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "wire" } });
        api = new Transport({ baseUrl: emulator.url, apiKey });
    });

    after(() => emulator?.close());

    it("tells a rule's channel that no longer exists by its argument path and id (issue 21)", async () => {
        const kept = await createChannel(api, {
            name: "ops",
            channelType: "email",
            config: { recipients: ["ops@example.com"] },
        });
        const body = {
            name: "errors",
            rule_type: "dlq",
            rule_config: { threshold: 1 },
            channel_ids: [kept.id, "nc_0f0e0d0c0b0a09080706050403020100"],
            cooldown_minutes: 60,
        };
        const error = await createRule(api, body).then(
            () => assert.fail("the emulator accepted a missing channel"),
            (e: unknown) => toArgumentTerms(e, ruleWirePaths, body),
        );
        assert.ok(error instanceof ApiError);
        assert.equal(error.status, 400);
        assert.match(
            error.message,
            /^hookstream POST \/v1\/alert-rules failed with 400: Invalid body: channelIds\[1\] \(nc_0f0e0d0c0b0a09080706050403020100\) must be the id of a notification channel of this project \(request id req_\w+\)$/,
        );
    });

    it("tells a rule's setting by its camelCase name", async () => {
        const rule = await createRule(api, {
            name: "slow",
            rule_type: "latency",
            rule_config: { threshold_ms: 2000 },
            channel_ids: [],
            cooldown_minutes: 60,
        });
        const patch = { rule_config: { threshold_ms: "fast" } };
        const error = await updateRule(api, rule.id, patch as never).then(
            () => assert.fail("the emulator accepted a text threshold"),
            (e: unknown) => toArgumentTerms(e, ruleWirePaths, patch),
        );
        assert.match((error as Error).message, /failed with 400: Invalid body: ruleConfig\.thresholdMs must be/);
    });

    it("hands on any other error untouched", () => {
        const error = new NetworkError({ method: "GET", path: "/v1/alert-rules" }, new Error("ECONNRESET"));
        assert.equal(toArgumentTerms(error, ruleWirePaths, {}), error);
    });
});
