import assert from "node:assert/strict";
import { rulePageResponse, ruleResponse, type Rule } from "../../../provider/alert-rule/response";

function parseRule(body: unknown): Rule {
    const parsed = ruleResponse.safeParse(body);
    assert.ok(parsed.success, parsed.success ? "" : parsed.error.message);
    return parsed.data;
}

function parseError(body: unknown): string {
    const parsed = ruleResponse.safeParse(body);
    assert.equal(parsed.success, false, `expected a parse failure, got ${JSON.stringify(parsed.data)}`);
    return parsed.error?.message ?? "";
}

/** The generated reference's form (docs/hookstream-api.md §6.9): 16 fields, JSON text, 0/1, SQLite timestamps. */
const referenceRule = {
    id: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
    org_id: "org_0123456789abcdef",
    env_id: "env_0123456789abcdef",
    name: "High Error Rate",
    description: null,
    enabled: 0,
    rule_type: "failure_rate",
    rule_config: '{"threshold":0.1}',
    source_id: null,
    destination_id: "dst_1",
    channel_ids: '["nc_a","nc_b"]',
    cooldown_minutes: 30,
    last_triggered_at: null,
    trigger_count: 0,
    created_at: "2026-02-28 10:00:00",
    updated_at: "2026-02-28 10:05:30",
};

/** The API page's list example (AR [E]): native JSON types, nine fields, ISO timestamps, prefixed ids. */
const listExampleRule = {
    id: "ar_b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3",
    name: "High Error Rate",
    rule_type: "failure_rate",
    rule_config: { threshold: 0.1 },
    channel_ids: ["nc_a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2"],
    cooldown_minutes: 60,
    enabled: true,
    last_triggered_at: null,
    created_at: "2026-02-28T10:00:00Z",
};

describe("ruleResponse", () => {
    describe("documented shapes (docs/hookstream-api.md §6.9 and §8)", () => {
        it("reads the enveloped reference shape: config and channel ids as JSON text, enabled 0, SQLite times", () => {
            assert.deepEqual(parseRule({ alert_rule: referenceRule }), {
                id: "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
                orgId: "org_0123456789abcdef",
                envId: "env_0123456789abcdef",
                name: "High Error Rate",
                ruleType: "failure_rate",
                ruleConfig: { threshold: 0.1 },
                destinationId: "dst_1",
                channelIds: ["nc_a", "nc_b"],
                cooldownMinutes: 30,
                enabled: false,
                triggerCount: 0,
                createdAt: "2026-02-28T10:00:00Z",
                updatedAt: "2026-02-28T10:05:30Z",
            });
        });

        it("reads the API page's list element: a config object, a list of ids, enabled true, marked partial", () => {
            assert.deepEqual(parseRule(listExampleRule), {
                id: "ar_b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3",
                name: "High Error Rate",
                ruleType: "failure_rate",
                ruleConfig: { threshold: 0.1 },
                channelIds: ["nc_a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2"],
                cooldownMinutes: 60,
                enabled: true,
                createdAt: "2026-02-28T10:00:00Z",
                // Without updated_at: a refresh reads it again with its own GET.
                partial: true,
            });
        });

        it("does not mark the generated reference's full rule partial", () => {
            assert.equal(parseRule({ alert_rule: referenceRule }).partial, undefined);
        });

        it("reads the API page's create example, which has no last_triggered_at (row 9)", () => {
            const { last_triggered_at: _dropped, ...created } = listExampleRule;
            assert.equal(parseRule({ alert_rule: created }).lastTriggeredAt, undefined);
        });

        it("takes the documented default of 60 when cooldown_minutes is absent, and its text form (row 10)", () => {
            const { cooldown_minutes: _dropped, ...rest } = listExampleRule;
            assert.equal(parseRule(rest).cooldownMinutes, 60);
            assert.equal(parseRule({ ...rest, cooldown_minutes: "15" }).cooldownMinutes, 15);
        });

        it("reads GET's answer with history beside the rule, and with history inside it, keeping no history", () => {
            const history = [{ id: "h1", alert_rule_id: referenceRule.id, trigger_reason: "x", created_at: "t" }];
            const beside = parseRule({ alert_rule: referenceRule, history });
            const inside = parseRule({ alert_rule: { ...referenceRule, history } });
            assert.deepEqual(beside, inside);
            assert.ok(!("history" in beside));
        });

        for (const [enabled, expected] of [
            [1, true],
            [0, false],
            ["1", true],
            ["0", false],
            [true, true],
            [false, false],
            [null, true],
        ] as const) {
            it(`reads enabled ${JSON.stringify(enabled)} as ${expected} (row 7)`, () => {
                assert.equal(parseRule({ ...referenceRule, enabled }).enabled, expected);
            });
        }

        it("reads numeric rule and channel ids as strings (row 11)", () => {
            const rule = parseRule({ ...listExampleRule, id: 42, channel_ids: [7] });
            assert.equal(rule.id, "42");
            assert.deepEqual(rule.channelIds, ["7"]);
        });

        it("reads null, empty or absent rule_config and channel_ids as empty", () => {
            for (const value of [null, "", undefined]) {
                const rule = parseRule({
                    ...referenceRule,
                    rule_type: "issue_opened",
                    rule_config: value,
                    channel_ids: value,
                });
                assert.deepEqual(rule.ruleConfig, {});
                assert.deepEqual(rule.channelIds, []);
            }
        });

        it("reads scope fields as strings when set and leaves null ones out (row 18)", () => {
            const rule = parseRule({ ...referenceRule, source_id: "src_1", destination_id: null, description: "d" });
            assert.equal(rule.sourceId, "src_1");
            assert.equal(rule.description, "d");
            assert.ok(!("destinationId" in rule));
        });

        it("never holds an undefined value (pulumi/pulumi#2205)", () => {
            for (const rule of [parseRule(referenceRule), parseRule(listExampleRule)]) {
                for (const [key, value] of Object.entries(rule)) assert.notEqual(value, undefined, key);
            }
        });
    });

    describe("rule_config spellings (docs/hookstream-api.md §6.7, §8 rows 17–20)", () => {
        const configOf = (rule_type: string, rule_config: unknown) =>
            parseRule({ ...listExampleRule, rule_type, rule_config }).ruleConfig;

        it("reads latency's threshold_ms and percentile_target as thresholdMs and percentileTarget (AR)", () => {
            assert.deepEqual(configOf("latency", { threshold_ms: 2000, percentile_target: 95 }), {
                thresholdMs: 2000,
                percentileTarget: 95,
            });
        });

        it("reads the guide's latency { threshold } as thresholdMs (row 2)", () => {
            assert.deepEqual(configOf("latency", '{"threshold":2000}'), { thresholdMs: 2000 });
        });

        it("prefers threshold_ms when both spellings are present", () => {
            assert.deepEqual(configOf("latency", { threshold: 1, threshold_ms: 2000 }), { thresholdMs: 2000 });
        });

        it('reads a percentile written "p95" or "95" as 95', () => {
            assert.deepEqual(configOf("latency", { threshold_ms: 1, percentile_target: "p95" }).percentileTarget, 95);
            assert.deepEqual(configOf("latency", { threshold_ms: 1, percentile_target: "95" }).percentileTarget, 95);
        });

        it("does not convert a failure_rate threshold written as a percentage (row 1): drift shows instead", () => {
            assert.deepEqual(configOf("failure_rate", { threshold: 10 }), { threshold: 10 });
        });

        it("reads volume_drop and dlq thresholds as given (row 3)", () => {
            assert.deepEqual(configOf("volume_drop", { threshold: 50 }), { threshold: 50 });
            assert.deepEqual(configOf("dlq", '{"threshold":"5"}'), { threshold: 5 });
        });

        it("reads issue_opened's {} and ignores anything in it (row 4)", () => {
            assert.deepEqual(configOf("issue_opened", {}), {});
            assert.deepEqual(configOf("issue_opened", { window: 5 }), {});
        });

        it("leaves out config fields this version does not know for a known type", () => {
            assert.deepEqual(configOf("dlq", { threshold: 5, window_minutes: 10 }), { threshold: 5 });
        });

        it("keeps every field of a rule type this version does not know, in camelCase", () => {
            assert.deepEqual(configOf("breaker_open", { open_for_ms: 10, consecutive: 3 }), {
                openForMs: 10,
                consecutive: 3,
            });
        });
    });

    describe("malformed answers", () => {
        it("rejects a null alert_rule", () => {
            assert.match(parseError({ alert_rule: null }), /alert_rule is null/);
        });

        it("rejects rule_config text that is not a JSON object", () => {
            assert.match(parseError({ ...referenceRule, rule_config: "[1]" }), /rule_config/);
            assert.match(parseError({ ...referenceRule, rule_config: "{" }), /rule_config/);
        });

        it("rejects channel_ids text that is not a JSON list", () => {
            assert.match(parseError({ ...referenceRule, channel_ids: '{"a":1}' }), /channel_ids/);
        });

        it("rejects a rule without id, name or rule_type", () => {
            for (const key of ["id", "name", "rule_type"]) {
                const { [key]: _dropped, ...rest } = referenceRule as Record<string, unknown>;
                assert.match(parseError(rest), new RegExp(key));
            }
        });
    });
});

describe("rulePageResponse", () => {
    it("reads the API page's unpaginated list as the last page (docs/hookstream-api.md §8 row 30)", () => {
        const parsed = rulePageResponse.parse({ alert_rules: [listExampleRule, referenceRule] });
        assert.equal(parsed.items.length, 2);
        assert.equal(parsed.nextCursor, undefined);
    });

    it("follows cursor only while has_more is true", () => {
        assert.equal(rulePageResponse.parse({ alert_rules: [], cursor: "c2", has_more: true }).nextCursor, "c2");
        assert.equal(rulePageResponse.parse({ alert_rules: [], cursor: "c2", has_more: false }).nextCursor, undefined);
        assert.equal(rulePageResponse.parse({ alert_rules: [], next_cursor: "c3", has_more: true }).nextCursor, "c3");
    });

    it("rejects a page holding a malformed rule", () => {
        assert.equal(rulePageResponse.safeParse({ alert_rules: [{ id: "x" }] }).success, false);
    });
});
