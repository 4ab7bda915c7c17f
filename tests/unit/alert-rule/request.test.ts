import assert from "node:assert/strict";
import { toCreateBody, toPatchBody } from "../../../provider/alert-rule/request";
import type { RuleInput } from "../../../provider/alert-rule/schema";

const latency: RuleInput = {
    ruleType: "latency",
    ruleConfig: { thresholdMs: 2000, percentileTarget: 95 },
    name: "slow",
    channelIds: ["nc_a"],
    cooldownMinutes: 60,
    enabled: false,
};

describe("toCreateBody", () => {
    it("writes snake_case with AR's rule_config spelling and no enabled (docs/hookstream-api.md §6.3)", () => {
        assert.deepEqual(toCreateBody({ ...latency, description: "d", sourceId: "src_1", destinationId: "dst_1" }), {
            name: "slow",
            description: "d",
            rule_type: "latency",
            rule_config: { threshold_ms: 2000, percentile_target: 95 },
            source_id: "src_1",
            destination_id: "dst_1",
            channel_ids: ["nc_a"],
            cooldown_minutes: 60,
        });
    });

    it("leaves out an unset scope and description, and sends issue_opened's config as {}", () => {
        const body = toCreateBody({ ...latency, ruleType: "issue_opened", ruleConfig: {}, description: "" });
        assert.deepEqual(body, {
            name: "slow",
            rule_type: "issue_opened",
            rule_config: {},
            channel_ids: ["nc_a"],
            cooldown_minutes: 60,
        });
    });

    it("writes a threshold as given: no unit conversion", () => {
        const body = toCreateBody({ ...latency, ruleType: "failure_rate", ruleConfig: { threshold: 0.25 } });
        assert.deepEqual(body.rule_config, { threshold: 0.25 });
    });
});

describe("toPatchBody", () => {
    const stored = { ...latency, description: "d", sourceId: "src_1", destinationId: "dst_1" };

    it("is empty when nothing changed, whatever the channel order", () => {
        assert.deepEqual(toPatchBody({ ...stored, channelIds: ["nc_a"] }, stored), {});
    });

    it("sends only what changed, config and channel list whole", () => {
        const patch = toPatchBody(stored, {
            ...stored,
            ruleConfig: { thresholdMs: 3000, percentileTarget: 95 },
            channelIds: ["nc_a", "nc_b"],
            enabled: true,
        });
        assert.deepEqual(patch, {
            rule_config: { threshold_ms: 3000, percentile_target: 95 },
            channel_ids: ["nc_a", "nc_b"],
            enabled: true,
        });
    });

    it("clears a removed scope with null and a removed description with an empty string (§1.4)", () => {
        const { description: _d, sourceId: _s, destinationId: _t, ...rest } = stored;
        assert.deepEqual(toPatchBody(stored, rest), { description: "", source_id: null, destination_id: null });
    });

    it("never sends rule_type", () => {
        const patch = toPatchBody(stored, { ...stored, ruleType: "dlq", ruleConfig: { threshold: 1 } });
        assert.ok(!("rule_type" in patch));
    });
});
