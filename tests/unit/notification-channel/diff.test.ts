import assert from "node:assert/strict";
import { diffOf } from "../../../provider/core/kind-provider";
import { canonicalConfig } from "../../../provider/notification-channel/diff";
import { notificationChannel } from "../../../provider/notification-channel/kind";
import { unknownValue } from "../../../provider/core/unknowns";

/** The provider's diff of a channel: what changed and what of it replaces the channel. */
const diffChannel = (olds: object, news: object) => diffOf(notificationChannel, olds, news as never);

const webhook = {
    channelType: "webhook",
    name: "ops webhook",
    enabled: true,
    config: { url: "https://hooks.example.com/alerts", secret: "whsec_old_0123456789" },
};

const email = {
    channelType: "email",
    name: "ops email",
    enabled: true,
    config: { recipients: ["ops@example.com", "oncall@example.com"] },
};

/** What the provider stores after create: the inputs plus what hookstream computed. */
const serverComputed = {
    id: "nc_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
    orgId: "org_0123456789abcdef",
    envId: "env_0123456789abcdef",
    createdAt: "2026-02-28T10:00:00Z",
    updatedAt: "2026-02-28T10:05:00Z",
    errorCount: 7,
    lastError: "503 from receiver",
    lastSentAt: "2026-02-28T11:00:00Z",
};

const noChange = { changes: false, replaces: [], changed: [] };

describe("diffChannel", () => {
    it("reports no change for identical inputs", () => {
        assert.deepEqual(diffChannel({ ...webhook }, { ...webhook }), noChange);
    });

    it("replaces the channel when channelType changes", () => {
        const news = { ...webhook, channelType: "slack", config: { url: webhook.config.url } };
        assert.deepEqual(diffChannel(webhook, news), {
            changes: true,
            replaces: ["channelType"],
            changed: ["channelType", "config"],
        });
    });

    it("replaces the channel when the new channelType is unknown, even if it may turn out equal", () => {
        assert.deepEqual(diffChannel(webhook, { ...webhook, channelType: unknownValue }), {
            changes: true,
            replaces: ["channelType"],
            changed: ["channelType"],
        });
    });

    it("updates in place when only the name changes", () => {
        assert.deepEqual(diffChannel(webhook, { ...webhook, name: "renamed" }), {
            changes: true,
            replaces: [],
            changed: ["name"],
        });
    });

    it("updates in place when only enabled changes", () => {
        assert.deepEqual(diffChannel(webhook, { ...webhook, enabled: false }), {
            changes: true,
            replaces: [],
            changed: ["enabled"],
        });
    });

    it("updates in place when the config url changes", () => {
        const news = { ...webhook, config: { ...webhook.config, url: "https://hooks.example.com/other" } };
        assert.deepEqual(diffChannel(webhook, news), { changes: true, replaces: [], changed: ["config"] });
    });

    it("lists every changed input when several change", () => {
        const news = { ...email, name: "renamed", enabled: false, config: { recipients: ["new@example.com"] } };
        assert.deepEqual(diffChannel(email, news).changed, ["name", "enabled", "config"]);
    });

    it("ignores server-computed fields in olds", () => {
        assert.deepEqual(diffChannel({ ...webhook, ...serverComputed }, { ...webhook }), noChange);
    });

    it("ignores server-computed fields even when they change between olds and news", () => {
        const news = { ...webhook, ...serverComputed, errorCount: 0, lastSentAt: "2026-03-01T00:00:00Z" };
        assert.deepEqual(diffChannel({ ...webhook, ...serverComputed }, news), noChange);
    });

    it("ignores __provider", () => {
        assert.deepEqual(
            diffChannel({ ...webhook, __provider: "old shim" }, { ...webhook, __provider: "new" }),
            noChange,
        );
    });

    it("treats a URL differing only in host case and trailing slash as the same", () => {
        const olds = { ...webhook, config: { ...webhook.config, url: "https://A.example.com" } };
        const news = { ...webhook, config: { ...webhook.config, url: "https://a.example.com/" } };
        assert.deepEqual(diffChannel(olds, news), noChange);
    });

    it("treats a URL with the default port spelled out as the same", () => {
        const olds = { ...webhook, config: { ...webhook.config, url: "https://hooks.example.com:443/alerts" } };
        assert.deepEqual(diffChannel(olds, webhook), noChange);
    });

    it("treats a URL whose path differs in case as a change", () => {
        const news = { ...webhook, config: { ...webhook.config, url: "https://hooks.example.com/Alerts" } };
        assert.deepEqual(diffChannel(webhook, news).changed, ["config"]);
    });

    it("treats recipients in another order and case as the same", () => {
        const news = { ...email, config: { recipients: ["OnCall@Example.com", "OPS@example.com"] } };
        assert.deepEqual(diffChannel(email, news), noChange);
    });

    it("treats an added recipient as a change", () => {
        const news = { ...email, config: { recipients: [...email.config.recipients, "boss@example.com"] } };
        assert.deepEqual(diffChannel(email, news).changed, ["config"]);
    });

    it("treats config keys in another order as the same", () => {
        const news = { ...webhook, config: { secret: webhook.config.secret, url: webhook.config.url } };
        assert.deepEqual(diffChannel(webhook, news), noChange);
    });

    it("treats a changed webhook secret as a change", () => {
        const news = { ...webhook, config: { ...webhook.config, secret: "whsec_new_0123456789" } };
        assert.deepEqual(diffChannel(webhook, news), { changes: true, replaces: [], changed: ["config"] });
    });

    it("treats a removed webhook secret as a change", () => {
        const news = { ...webhook, config: { url: webhook.config.url } };
        assert.deepEqual(diffChannel(webhook, news).changed, ["config"]);
    });

    it("treats an unknown config value as a change", () => {
        const news = { ...webhook, config: { ...webhook.config, url: unknownValue } };
        assert.deepEqual(diffChannel(webhook, news), { changes: true, replaces: [], changed: ["config"] });
    });

    it("treats a wholly unknown config as a change", () => {
        assert.deepEqual(diffChannel(webhook, { ...webhook, config: unknownValue }).changed, ["config"]);
    });

    it("treats an unknown name or enabled as a change", () => {
        assert.deepEqual(diffChannel(webhook, { ...webhook, name: unknownValue, enabled: unknownValue }).changed, [
            "name",
            "enabled",
        ]);
    });

    it("defaults a missing enabled on olds to true", () => {
        const olds: Record<string, unknown> = { ...webhook };
        delete olds.enabled;
        assert.deepEqual(diffChannel(olds, { ...webhook, enabled: true }), noChange);
        assert.deepEqual(diffChannel(olds, { ...webhook, enabled: false }).changed, ["enabled"]);
    });
});

describe("canonicalConfig", () => {
    it("gives one string for configs that mean the same", () => {
        assert.equal(
            canonicalConfig({ url: "HTTPS://Hooks.Example.com", secret: "s3cret-value" }),
            canonicalConfig({ secret: "s3cret-value", url: "https://hooks.example.com/" }),
        );
    });

    it("drops keys whose value is null or undefined", () => {
        assert.equal(
            canonicalConfig({ url: "https://a.example.com/", secret: undefined }),
            canonicalConfig({ url: "https://a.example.com/", secret: null }),
        );
        assert.equal(
            canonicalConfig({ url: "https://a.example.com/", secret: null }),
            canonicalConfig({ url: "https://a.example.com/" }),
        );
    });

    it("keeps a URL it cannot parse as given", () => {
        assert.notEqual(canonicalConfig({ url: "not a url" }), canonicalConfig({ url: "NOT A URL" }));
    });

    it("treats a missing config as null", () => {
        assert.equal(canonicalConfig(undefined), "null");
        assert.equal(canonicalConfig(null), "null");
    });
});
