import assert from "node:assert/strict";
import { detailedChanges } from "../../../native/detailed-diff";

describe("native/detailed-diff.ts", function () {
    it("marks the fields inside an object argument that differ", function () {
        const olds = { config: { url: "https://a.example", secret: "s1" } };
        const news = { config: { url: "https://a.example", secret: "s2" } };
        assert.deepEqual(detailedChanges(olds, news, ["config"], []), [
            { path: "config.secret", kind: "update", replace: false },
        ]);
    });

    it("marks an added and a removed field inside an object argument as add and delete", function () {
        const olds = { config: { url: "https://a.example", secret: "s1" } };
        const news = { config: { url: "https://a.example", extra: "e" } };
        assert.deepEqual(
            detailedChanges(olds, news, ["config"], []).map((c) => [c.path, c.kind]),
            [
                ["config.secret", "delete"],
                ["config.extra", "add"],
            ],
        );
    });

    it("marks a replacing argument as a replacement", function () {
        assert.deepEqual(
            detailedChanges({ channelType: "webhook" }, { channelType: "slack" }, ["channelType"], ["channelType"]),
            [{ path: "channelType", kind: "update", replace: true }],
        );
    });

    it("marks a list argument as a whole", function () {
        assert.deepEqual(detailedChanges({ ids: ["a", "b"] }, { ids: ["b"] }, ["ids"], []), [
            { path: "ids", kind: "update", replace: false },
        ]);
    });

    it("marks an argument that appears as an add", function () {
        assert.deepEqual(detailedChanges({}, { description: "d" }, ["description"], []), [
            { path: "description", kind: "add", replace: false },
        ]);
    });
});
