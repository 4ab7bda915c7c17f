import assert from "node:assert/strict";
import {
    ApiError,
    BadResponseError,
    ConfigError,
    HookstreamError,
    NetworkError,
    PartialCreateError,
    TimeoutError,
    isHookstreamError,
} from "../../../provider/core/errors";

const create = { method: "POST", path: "/v1/notification-channels" };
const get = { method: "GET", path: "/v1/notification-channels/nc_1a2b" };

describe("ApiError", () => {
    it("states the method, path, status, hookstream's message and request id", () => {
        const error = new ApiError(400, create, "Invalid body: 'name' is required", "req_a1b2c3d4e5f6");
        assert.equal(
            error.message,
            "hookstream POST /v1/notification-channels failed with 400: Invalid body: 'name' is required " +
                "(request id req_a1b2c3d4e5f6)",
        );
    });

    it("keeps the parts as fields", () => {
        const error = new ApiError(404, get, "Channel not found", "req_0f0f");
        assert.equal(error.code, "HOOKSTREAM_API_ERROR");
        assert.equal(error.name, "ApiError");
        assert.equal(error.status, 404);
        assert.deepEqual(error.request, get);
        assert.equal(error.apiMessage, "Channel not found");
        assert.equal(error.requestId, "req_0f0f");
        assert.ok(error instanceof HookstreamError && error instanceof Error);
    });

    it("leaves out a missing message and request id", () => {
        assert.equal(
            new ApiError(500, get, undefined, undefined).message,
            `hookstream GET ${get.path} failed with 500`,
        );
        assert.equal(new ApiError(500, get, "", undefined).message, `hookstream GET ${get.path} failed with 500`);
    });

    it("tells how to set the API key on a 401", () => {
        const { message } = new ApiError(401, get, "Invalid API key", "req_401");
        assert.ok(
            message.startsWith(`hookstream GET ${get.path} failed with 401: Invalid API key (request id req_401)`),
        );
        assert.ok(message.includes("pulumi config set --secret hookstream:apiKey"), message);
        assert.ok(message.includes("HOOKSTREAM_API_KEY"), message);
    });

    it("explains a 403 as a valid key without permission", () => {
        const { message } = new ApiError(403, create, "Plan limit reached", "req_403");
        assert.ok(message.includes("Plan limit reached (request id req_403)"), message);
        assert.match(message, /valid but not allowed/);
        assert.match(message, /plan limit/);
    });

    it("adds no hint to other statuses", () => {
        for (const status of [400, 404, 409, 429, 500]) {
            const { message } = new ApiError(status, get, "boom", "req_x");
            assert.ok(message.endsWith("boom (request id req_x)"), message);
        }
    });
});

describe("other errors", () => {
    it("keeps the undici error as the cause of a NetworkError and names its code", () => {
        const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
        const error = new NetworkError(create, cause);
        assert.equal(error.code, "HOOKSTREAM_NETWORK_ERROR");
        assert.equal(error.cause, cause);
        assert.equal(
            error.message,
            "hookstream POST /v1/notification-channels failed: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1",
        );
    });

    it("describes a NetworkError cause that is not an Error", () => {
        assert.equal(
            new NetworkError(get, "socket hang up").message,
            `hookstream GET ${get.path} failed: socket hang up`,
        );
    });

    it("reports a timeout with its own code and deadline, not as a status", () => {
        const cause = new Error("aborted");
        const error = new TimeoutError(get, 30_000, "waiting for the answer", cause);
        assert.equal(error.code, "HOOKSTREAM_TIMEOUT");
        assert.equal(error.message, `hookstream GET ${get.path} timed out after 30000 ms (waiting for the answer)`);
        assert.equal(error.cause, cause);
        assert.ok(!("status" in error));
    });

    it("says which request returned an unreadable body", () => {
        const error = new BadResponseError(create, 201, "channel has neither channel_type nor type", "req_bad");
        assert.equal(error.code, "HOOKSTREAM_BAD_RESPONSE");
        assert.equal(error.status, 201);
        assert.equal(
            error.message,
            "hookstream POST /v1/notification-channels returned 201 with an unreadable body: " +
                "channel has neither channel_type nor type (request id req_bad)",
        );
    });

    it("gives a ConfigError its code and message", () => {
        const error = new ConfigError("no hookstream API key");
        assert.equal(error.code, "HOOKSTREAM_CONFIG_ERROR");
        assert.equal(error.name, "ConfigError");
        assert.equal(error.message, "no hookstream API key");
    });
});

describe("PartialCreateError", () => {
    const properties = { channelType: "webhook", name: "ops", config: { url: "https://a.example" }, enabled: true };
    const cause = new ApiError(503, { method: "PATCH", path: "/v1/notification-channels/nc_9" }, "busy", "req_9");
    const error = new PartialCreateError(
        "nc_9",
        properties,
        cause,
        "channel nc_9 was created, but finishing it failed",
    );

    it("exposes the id and properties the host needs to keep the channel in state", () => {
        assert.equal(error.id, "nc_9");
        assert.deepEqual(error.properties, properties);
        assert.equal(error.code, "HOOKSTREAM_PARTIAL_CREATE");
    });

    it("gives one reason, the message, which names the channel and the failed step", () => {
        assert.equal(
            error.message,
            "channel nc_9 was created, but finishing it failed: " +
                "hookstream PATCH /v1/notification-channels/nc_9 failed with 503: busy (request id req_9)",
        );
        assert.deepEqual(error.reasons, [error.message]);
    });

    it("keeps the failed step as the cause", () => {
        assert.equal(error.cause, cause);
    });
});

describe("isHookstreamError", () => {
    it("matches a plain object by its HOOKSTREAM_ code, without instanceof", () => {
        const crossCopy = { code: "HOOKSTREAM_API_ERROR", message: "from another copy", status: 404 };
        assert.equal(isHookstreamError(crossCopy), true);
        assert.equal(isHookstreamError(crossCopy, "HOOKSTREAM_API_ERROR"), true);
        assert.equal(isHookstreamError(crossCopy, "HOOKSTREAM_CONFIG_ERROR"), false);
    });

    it("matches an error thrown by a second copy of the module", () => {
        const path = require.resolve("../../../provider/core/errors");
        const cached = require.cache[path];
        delete require.cache[path];
        try {
            const copy = require("../../../provider/core/errors") as typeof import("../../../provider/core/errors");
            assert.notEqual(copy.ApiError, ApiError);
            const foreign = new copy.ApiError(404, get, "Channel not found", undefined);
            assert.equal(foreign instanceof ApiError, false);
            assert.equal(isHookstreamError(foreign, "HOOKSTREAM_API_ERROR"), true);
        } finally {
            if (cached) require.cache[path] = cached;
        }
    });

    it("matches this module's errors by code", () => {
        assert.equal(isHookstreamError(new ConfigError("x"), "HOOKSTREAM_CONFIG_ERROR"), true);
        assert.equal(isHookstreamError(new TimeoutError(get, 1, "connecting"), "HOOKSTREAM_TIMEOUT"), true);
        assert.equal(isHookstreamError(new TimeoutError(get, 1, "connecting"), "HOOKSTREAM_NETWORK_ERROR"), false);
    });

    it("rejects errors with other codes or no code", () => {
        const candidates: unknown[] = [
            Object.assign(new Error("reset"), { code: "ECONNRESET" }),
            { code: "UND_ERR_SOCKET" },
            { code: 42 },
            { code: "hookstream_api_error" },
            new Error("plain"),
            null,
            undefined,
            "HOOKSTREAM_API_ERROR",
        ];
        for (const candidate of candidates) assert.equal(isHookstreamError(candidate), false, String(candidate));
    });
});

describe("an error's stack", () => {
    it("is its name and message alone for every error of ours", () => {
        const errors = [
            new ApiError(404, get, "Channel not found", "req_0f0f"),
            new ConfigError("hookstream:apiKey is not set"),
            new NetworkError(get, new Error("ECONNREFUSED")),
            new HookstreamError("HOOKSTREAM_ADOPT_ERROR", "nc_1a2b is not a webhook channel"),
        ];
        for (const error of errors) assert.equal(error.stack, `${error.name}: ${error.message}`);
    });
});
