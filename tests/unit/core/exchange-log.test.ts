import assert from "node:assert/strict";
import { describeExchange } from "../../../provider/core/exchange-log";

describe("describeExchange", () => {
    const key = "hs_test_[redacted]";

    it("gives method, path, status, duration, hookstream's request id and the key's prefix", () => {
        assert.equal(
            describeExchange(
                {
                    method: "GET",
                    path: "/v1/notification-channels/nc_1",
                    status: 404,
                    requestId: "req_a1b2",
                    durationMs: 4.6,
                },
                key,
            ),
            "hookstream: GET /v1/notification-channels/nc_1 -> 404 5ms request_id=req_a1b2 key=hs_test_[redacted]",
        );
    });

    it("says when hookstream sent no request id", () => {
        assert.match(
            describeExchange({ method: "POST", path: "/v1/alert-rules", status: 201, durationMs: 12 }, key),
            / -> 201 12ms request_id=- key=/,
        );
    });

    it("gives the error code of an exchange that got no answer", () => {
        assert.match(
            describeExchange(
                { method: "GET", path: "/v1/alert-rules", error: "HOOKSTREAM_TIMEOUT", durationMs: 30000 },
                key,
            ),
            / -> HOOKSTREAM_TIMEOUT 30000ms request_id=- /,
        );
    });
});
