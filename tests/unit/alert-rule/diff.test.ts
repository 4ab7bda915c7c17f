import assert from "node:assert/strict";
import { unknownValue } from "../../../provider/core/unknowns";
import { alertRule } from "../../../provider/alert-rule/kind";
import { diffOf } from "../../../provider/core/kind-provider";

/** The provider's diff of a rule: what changed and what of it replaces the rule. */
const diffRule = (olds: object, news: object) => diffOf(alertRule, olds, news as never);

const stored = {
    ruleType: "latency",
    ruleConfig: { thresholdMs: 2000, percentileTarget: 95 },
    name: "slow deliveries",
    description: "p95",
    sourceId: "src_1",
    channelIds: ["nc_a", "nc_b"],
    cooldownMinutes: 60,
    enabled: true,
    // Server fields, which never take part.
    orgId: "org_1",
    envId: "env_1",
    triggerCount: 3,
    lastTriggeredAt: "2026-03-01T00:00:00Z",
    createdAt: "2026-02-28T10:00:00Z",
    updatedAt: "2026-02-28T10:00:00Z",
};

const declared = {
    ruleType: "latency",
    ruleConfig: { percentileTarget: 95, thresholdMs: 2000 },
    name: "slow deliveries",
    description: "p95",
    sourceId: "src_1",
    channelIds: ["nc_b", "nc_a"],
    cooldownMinutes: 60,
    enabled: true,
};

describe("diffRule", () => {
    it("sees no change when only server fields, key order or channel order differ", () => {
        assert.deepEqual(diffRule(stored, declared), { changes: false, replaces: [], changed: [] });
    });

    it("replaces the rule when ruleType changes, and when it is unknown", () => {
        for (const ruleType of ["failure_rate", unknownValue]) {
            const diff = diffRule(stored, { ...declared, ruleType });
            assert.deepEqual(diff.replaces, ["ruleType"]);
        }
    });

    const updates: [string, Record<string, unknown>][] = [
        ["name", { name: "renamed" }],
        ["description", { description: "other" }],
        ["description", { description: undefined }],
        ["sourceId", { sourceId: undefined }],
        ["destinationId", { destinationId: "dst_1" }],
        ["channelIds", { channelIds: ["nc_a"] }],
        ["channelIds", { channelIds: ["nc_a", "nc_c"] }],
        ["cooldownMinutes", { cooldownMinutes: 5 }],
        ["enabled", { enabled: false }],
        ["ruleConfig", { ruleConfig: { thresholdMs: 2500, percentileTarget: 95 } }],
        ["ruleConfig", { ruleConfig: { thresholdMs: 2000 } }],
    ];
    for (const [field, change] of updates) {
        it(`updates in place when ${field} becomes ${JSON.stringify(Object.values(change)[0])}`, () => {
            assert.deepEqual(diffRule(stored, { ...declared, ...change }), {
                changes: true,
                replaces: [],
                changed: [field],
            });
        });
    }

    it("treats null, absent and empty description and scope alike", () => {
        const olds = { ...stored, description: null, sourceId: null, destinationId: undefined };
        const news = { ...declared, description: "", sourceId: undefined, destinationId: null };
        assert.deepEqual(diffRule(olds, news).changed, []);
    });

    it("treats absent channelIds, cooldown and enabled as their defaults", () => {
        const olds = { ruleType: "dlq", ruleConfig: { threshold: 1 }, name: "n" };
        const news = { ...olds, channelIds: [], cooldownMinutes: 60, enabled: true };
        assert.equal(diffRule(olds, news).changes, false);
    });

    it("sees a change when channel ids, config or a field are not known yet", () => {
        assert.deepEqual(
            diffRule(stored, {
                ...declared,
                channelIds: ["nc_a", unknownValue],
                ruleConfig: { thresholdMs: unknownValue },
                cooldownMinutes: unknownValue,
            }).changed,
            ["channelIds", "cooldownMinutes", "ruleConfig"],
        );
        assert.deepEqual(diffRule(stored, { ...declared, channelIds: unknownValue }).changed, ["channelIds"]);
    });

    it("sees a repeated channel id as the same set", () => {
        assert.equal(diffRule(stored, { ...declared, channelIds: ["nc_a", "nc_b", "nc_a"] }).changes, false);
    });
});
