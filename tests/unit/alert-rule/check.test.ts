import assert from "node:assert/strict";
import { checkInputs, type CheckFailure, type CheckOutcome } from "../../../provider/core/check";
import { unknownValue } from "../../../provider/core/unknowns";
import { alertRule } from "../../../provider/alert-rule/kind";

const ruleInputRules = alertRule.inputRules;
import { ruleTypes } from "../../../provider/alert-rule/rule-types";
import { badInputCases } from "./bad-input-cases";
import { withoutCreateToken } from "../../support/checked-inputs";

function failuresOf(outcome: CheckOutcome<unknown>): CheckFailure[] {
    assert.equal(outcome.ok, false, `expected check to fail, got ${JSON.stringify(outcome)}`);
    return outcome.ok ? [] : outcome.failures;
}

const validInputs: Record<(typeof ruleTypes)[number], Record<string, unknown>> = {
    failure_rate: { ruleType: "failure_rate", name: "errors", ruleConfig: { threshold: 0.1 } },
    latency: { ruleType: "latency", name: "slow", ruleConfig: { thresholdMs: 2000, percentileTarget: 95 } },
    volume_drop: { ruleType: "volume_drop", name: "quiet", ruleConfig: { threshold: 50 } },
    dlq: { ruleType: "dlq", name: "dlq", ruleConfig: { threshold: 0 } },
    issue_opened: { ruleType: "issue_opened", name: "issues", ruleConfig: {} },
};

describe("checkInputs with the AlertRule rules", () => {
    describe("bad input matrix", () => {
        it("has a row for every rule type", () => {
            const types = new Set(badInputCases.map((row) => row.inputs.ruleType));
            for (const type of ruleTypes) assert.ok(types.has(type), `no row for ${type}`);
        });

        for (const row of badInputCases) {
            it(`rejects ${row.title} at ${JSON.stringify(row.property)}`, () => {
                const failures = failuresOf(checkInputs(row.inputs, ruleInputRules));
                const match = failures.find(
                    (failure) =>
                        failure.path === row.property &&
                        failure.reason.toLowerCase().includes(row.reason.toLowerCase()),
                );
                assert.ok(
                    match,
                    `no failure at ${row.property} mentioning "${row.reason}"; got ${JSON.stringify(failures)}`,
                );
            });
        }

        it("never quotes a long value given in a failure's reason", () => {
            const secretish = "src_" + "9".repeat(40) + " x";
            const failures = failuresOf(checkInputs({ ...validInputs.dlq, sourceId: secretish }, ruleInputRules));
            for (const failure of failures) assert.ok(!failure.reason.includes(secretish), failure.reason);
        });
    });

    describe("valid inputs", () => {
        for (const type of ruleTypes) {
            it(`accepts a ${type} rule and applies the defaults`, () => {
                const outcome = checkInputs({ ...validInputs[type], __provider: "shim" }, ruleInputRules);
                assert.ok(outcome.ok && outcome.complete, JSON.stringify(outcome));
                assert.deepEqual(withoutCreateToken(outcome.inputs), {
                    ...validInputs[type],
                    channelIds: [],
                    cooldownMinutes: 60,
                    enabled: true,
                });
            });
        }

        it("lets an issue_opened rule leave ruleConfig out, as {}", () => {
            const outcome = checkInputs({ ruleType: "issue_opened", name: "issues" }, ruleInputRules);
            assert.ok(outcome.ok && outcome.complete);
            assert.deepEqual(outcome.inputs.ruleConfig, {});
        });

        it("keeps every optional argument and hands the URN on untouched", () => {
            const inputs = {
                ...validInputs.latency,
                description: "p95 over two seconds",
                sourceId: "src_1",
                destinationId: "dst_2",
                channelIds: ["nc_b", "nc_a"],
                cooldownMinutes: 5,
                enabled: false,
                adopt: "ar_b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3",
                __urn: "urn:pulumi:dev::p::pulumi-nodejs:dynamic/hookstream:AlertRule::slow",
            };
            const outcome = checkInputs(inputs, ruleInputRules);
            assert.ok(outcome.ok && outcome.complete, JSON.stringify(outcome));
            assert.deepEqual(withoutCreateToken(outcome.inputs), inputs);
        });

        it("accepts a failure threshold of exactly 0 and exactly 1", () => {
            for (const threshold of [0, 1]) {
                const outcome = checkInputs({ ...validInputs.failure_rate, ruleConfig: { threshold } }, ruleInputRules);
                assert.ok(outcome.ok, JSON.stringify(outcome));
            }
        });
    });

    describe("values unknown at preview", () => {
        it("judges everything known while ruleType is unknown", () => {
            const failures = failuresOf(
                checkInputs({ ruleType: unknownValue, ruleConfig: { threshold: 10 }, name: "" }, ruleInputRules),
            );
            assert.deepEqual(
                failures.map((f) => f.path),
                ["name"],
            );
        });

        it("passes unknown channel ids, config and scope through with defaults and no failure", () => {
            const inputs = {
                ruleType: "failure_rate",
                name: "errors",
                ruleConfig: { threshold: unknownValue },
                channelIds: ["nc_1", unknownValue, unknownValue],
                sourceId: unknownValue,
            };
            const outcome = checkInputs(inputs, ruleInputRules);
            assert.ok(outcome.ok && !outcome.complete, JSON.stringify(outcome));
            assert.deepEqual(withoutCreateToken(outcome.inputs), { enabled: true, cooldownMinutes: 60, ...inputs });
        });

        it("still rejects a known bad field beside an unknown list of channels", () => {
            const failures = failuresOf(
                checkInputs({ ...validInputs.dlq, channelIds: unknownValue, cooldownMinutes: 0 }, ruleInputRules),
            );
            assert.deepEqual(
                failures.map((f) => f.path),
                ["cooldownMinutes"],
            );
        });
    });
});
