import assert from "node:assert/strict";
import { identifier, resourceNames, VariableNames } from "../../../cli/resource-names";

describe("discover: resource and variable names", function () {
    it("names resources in kebab case and numbers duplicates in order of creation", function () {
        const items = [
            { id: "b", name: "Ops Alerts", createdAt: "2026-01-02T00:00:00Z", kind: "email" },
            { id: "a", name: "ops alerts", createdAt: "2026-01-01T00:00:00Z", kind: "email" },
            { id: "c", name: "Équipe — Nuit!", createdAt: "2026-01-03T00:00:00Z", kind: "email" },
            { id: "d", name: "***", kind: "slack" },
        ];
        const names = resourceNames(items, (item) => `${item.kind}-channel`);
        assert.equal(names.get("a"), "ops-alerts");
        assert.equal(names.get("b"), "ops-alerts-2");
        assert.equal(names.get("c"), "equipe-nuit");
        assert.equal(names.get("d"), "slack-channel");
    });

    it("names the same items the same way whatever order the API lists them in", function () {
        const items = [
            { id: "ar_2", name: "errors", createdAt: "2026-01-01T00:00:00Z" },
            { id: "ar_1", name: "errors", createdAt: "2026-01-01T00:00:00Z" },
            { id: "ar_3", name: "errors", createdAt: "2025-12-31T00:00:00Z" },
        ];
        const forward = resourceNames(items, () => "rule");
        const backward = resourceNames([...items].reverse(), () => "rule");
        assert.deepEqual([...forward].sort(), [...backward].sort());
        assert.deepEqual(
            ["ar_3", "ar_1", "ar_2"].map((id) => forward.get(id)),
            ["errors", "errors-2", "errors-3"],
        );
    });

    it("makes identifiers valid TypeScript, with the kind's word where needed", function () {
        assert.equal(identifier("ops-slack"), "opsSlack");
        assert.equal(identifier("2nd-shift"), "channel2ndShift");
        assert.equal(identifier("delete"), "deleteChannel");
        assert.equal(identifier("2nd-shift", "rule"), "rule2ndShift");
        assert.equal(identifier("config", "rule"), "configRule");
    });

    it("never hands out a variable twice, across channels and rules", function () {
        const variables = new VariableNames();
        assert.deepEqual(
            [
                variables.claim("ops", "channel"),
                variables.claim("ops", "rule"),
                variables.claim("ops-rule", "rule"),
                variables.claim("ops", "channel"),
            ],
            ["ops", "opsRule", "opsRule_", "ops_"],
        );
    });
});
