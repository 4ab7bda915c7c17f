import assert from "node:assert/strict";
import { countRequests, describeCounts, differingCounts, requestKind } from "../../../bench/request-counts";

describe("request counts", () => {
    const kinds: [string, Parameters<typeof requestKind>[0], string][] = [
        ["a collection", { method: "POST", path: "/v1/notification-channels" }, "POST /v1/notification-channels"],
        [
            "an item, its id as :id",
            { method: "PATCH", path: "/v1/notification-channels/nc_01hx9" },
            "PATCH /v1/notification-channels/:id",
        ],
        [
            "an item's action",
            { method: "POST", path: "/v1/notification-channels/nc_01hx9/test" },
            "POST /v1/notification-channels/:id/test",
        ],
        [
            "a page, by the names of its query parameters",
            { method: "GET", path: "/v1/notification-channels", query: { limit: "100", cursor: "c2" } },
            "GET /v1/notification-channels?cursor&limit",
        ],
    ];
    for (const [what, request, kind] of kinds) {
        it(`names the kind of ${what}`, () => {
            assert.equal(requestKind(request), kind);
        });
    }

    it("counts requests by kind and names where two counts differ", () => {
        const create = countRequests([
            { method: "POST", path: "/v1/notification-channels" },
            { method: "PATCH", path: "/v1/notification-channels/nc_1" },
            { method: "POST", path: "/v1/notification-channels" },
            { method: "PATCH", path: "/v1/notification-channels/nc_2" },
        ]);
        const postOnly = countRequests([
            { method: "POST", path: "/v1/notification-channels" },
            { method: "POST", path: "/v1/notification-channels" },
        ]);
        assert.equal(
            describeCounts(create),
            "2 × PATCH /v1/notification-channels/:id + 2 × POST /v1/notification-channels",
        );
        assert.deepEqual(differingCounts(create, create), []);
        assert.deepEqual(differingCounts(create, postOnly), ["PATCH /v1/notification-channels/:id: 2 vs 0"]);
    });
});
