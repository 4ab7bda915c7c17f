import assert from "node:assert/strict";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../../../emulator";

const opsKey = "hs_test_" + "a".repeat(64);
const otherKey = "hs_test_" + "b".repeat(64);
const startTime = Date.UTC(2026, 1, 28, 10, 0, 0);
const referenceFields = [
    "id",
    "org_id",
    "env_id",
    "name",
    "channel_type",
    "config",
    "enabled",
    "last_sent_at",
    "error_count",
    "last_error",
    "created_at",
    "updated_at",
];

// Response bodies are asserted field by field; typing each one would only restate the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface CallOptions {
    /** Defaults to the ops project's key; null sends none. */
    key?: string | null;
    /** JSON-encoded unless a string, which is sent as is. */
    body?: unknown;
    headers?: Record<string, string>;
}

async function call(emulator: Emulator, method: string, path: string, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const key = options.key === undefined ? opsKey : options.key;
    if (key !== null) headers["X-API-Key"] = key;
    let body: string | undefined;
    if (options.body !== undefined) {
        headers["Content-Type"] = "application/json";
        body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(emulator.url + path, { method, headers, body });
    const text = await response.text();
    return {
        status: response.status,
        headers: response.headers,
        body: (text === "" ? undefined : JSON.parse(text)) as Json,
    };
}

const webhook = {
    name: "ops",
    channel_type: "webhook",
    config: { url: "https://ops.example.com/alerts", secret: "s1" },
};

describe("emulator: the hookstream API", function () {
    let emulator: Emulator;
    let clock: number;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [opsKey]: "ops", [otherKey]: "other" }, now: () => clock });
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        clock = startTime;
        emulator.reset();
        emulator.shape = "reference";
    });

    it("serves under /v1 on 127.0.0.1", function () {
        assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    });

    describe("authentication", function () {
        for (const [what, options] of [
            ["a missing X-API-Key", { key: null }],
            ["an unknown X-API-Key", { key: "hs_test_unknown" }],
            ["a configured key sent as a bearer token", { key: null, headers: { Authorization: `Bearer ${opsKey}` } }],
        ] as const) {
            it(`answers 401 "Invalid API key" to ${what}`, async function () {
                const response = await call(emulator, "GET", "/notification-channels", options);
                assert.equal(response.status, 401);
                assert.equal(response.body.error, "Invalid API key");
                assert.equal(response.body.status, 401);
                assert.match(response.body.request_id, /^req_[0-9a-f]{12}$/);
                assert.deepEqual(Object.keys(response.body), ["error", "status", "request_id"]);
            });
        }

        it("hides another project's channel behind a 404 for every operation", async function () {
            const theirs = emulator.createChannel("other", webhook);
            const notFound = { status: 404, error: "Notification channel not found" };
            for (const [method, path, body] of [
                ["GET", `/notification-channels/${theirs.id}`, undefined],
                ["PATCH", `/notification-channels/${theirs.id}`, { name: "mine now" }],
                ["DELETE", `/notification-channels/${theirs.id}`, undefined],
                ["POST", `/notification-channels/${theirs.id}/test`, undefined],
            ] as const) {
                const response = await call(emulator, method, path, { body });
                assert.deepEqual(
                    { status: response.status, error: response.body.error },
                    notFound,
                    `${method} ${path}`,
                );
            }
            const list = await call(emulator, "GET", "/notification-channels");
            assert.deepEqual(list.body.channels, []);
            assert.deepEqual(emulator.channels("other"), [theirs], "the other project's channel is untouched");
        });
    });

    describe("the reference shape (generated API reference)", function () {
        it("creates a channel: 201, enveloped, all 12 fields, config a JSON string, enabled 0/1, D1 timestamps", async function () {
            const response = await call(emulator, "POST", "/notification-channels", { body: webhook });
            assert.equal(response.status, 201);
            assert.deepEqual(Object.keys(response.body), ["channel"]);
            const channel = response.body.channel;
            assert.deepEqual(Object.keys(channel), referenceFields);
            assert.match(channel.id, /^[0-9a-f]{32}$/);
            assert.match(channel.org_id, /^org_[0-9a-f]{16}$/);
            assert.match(channel.env_id, /^env_[0-9a-f]{16}$/);
            assert.deepEqual(
                { ...channel, id: "·", org_id: "·", env_id: "·" },
                {
                    id: "·",
                    org_id: "·",
                    env_id: "·",
                    name: "ops",
                    channel_type: "webhook",
                    config: '{"url":"https://ops.example.com/alerts","secret":"s1"}',
                    enabled: 1,
                    last_sent_at: null,
                    error_count: 0,
                    last_error: null,
                    created_at: "2026-02-28 10:00:00",
                    updated_at: "2026-02-28 10:00:00",
                },
            );
        });

        it("gets, lists and updates in the same form", async function () {
            const created = (await call(emulator, "POST", "/notification-channels", { body: webhook })).body.channel;
            const got = await call(emulator, "GET", `/notification-channels/${created.id}`);
            assert.equal(got.status, 200);
            assert.deepEqual(got.body, { channel: created });
            const listed = await call(emulator, "GET", "/notification-channels");
            assert.deepEqual(listed.body, { channels: [created], cursor: null, has_more: false });
            clock += 90_000;
            const updated = await call(emulator, "PATCH", `/notification-channels/${created.id}`, {
                body: { enabled: false },
            });
            assert.equal(updated.status, 200);
            assert.deepEqual(updated.body, {
                channel: { ...created, enabled: 0, updated_at: "2026-02-28 10:01:30" },
            });
        });

        it("keeps the canonical form for inspection: config an object, enabled a boolean, ISO timestamps", async function () {
            const created = (await call(emulator, "POST", "/notification-channels", { body: webhook })).body.channel;
            assert.deepEqual(emulator.channels(), [
                {
                    id: created.id,
                    org_id: created.org_id,
                    env_id: created.env_id,
                    project: "ops",
                    name: "ops",
                    channel_type: "webhook",
                    config: webhook.config,
                    enabled: true,
                    last_sent_at: null,
                    error_count: 0,
                    last_error: null,
                    created_at: "2026-02-28T10:00:00Z",
                    updated_at: "2026-02-28T10:00:00Z",
                },
            ]);
        });
    });

    describe("the docs shape (hand-written page's examples)", function () {
        beforeEach(function () {
            emulator.shape = "docs";
        });

        it("creates a channel: flat, `type`, config an object, enabled a boolean, ISO timestamps, nc_ id", async function () {
            const response = await call(emulator, "POST", "/notification-channels", { body: webhook });
            assert.equal(response.status, 201);
            const channel = response.body;
            assert.match(channel.id, /^nc_[0-9a-f]{32}$/);
            assert.deepEqual(
                { ...channel, id: "·", org_id: "·", env_id: "·" },
                {
                    id: "·",
                    org_id: "·",
                    env_id: "·",
                    name: "ops",
                    type: "webhook",
                    config: webhook.config,
                    enabled: true,
                    last_sent_at: null,
                    error_count: 0,
                    last_error: null,
                    created_at: "2026-02-28T10:00:00Z",
                    updated_at: "2026-02-28T10:00:00Z",
                },
            );
            assert.equal("channel_type" in channel, false);
        });

        it("gets, lists and updates in the same flat form", async function () {
            const created = (await call(emulator, "POST", "/notification-channels", { body: webhook })).body;
            assert.deepEqual((await call(emulator, "GET", `/notification-channels/${created.id}`)).body, created);
            assert.deepEqual((await call(emulator, "GET", "/notification-channels")).body, {
                channels: [created],
                cursor: null,
                has_more: false,
            });
            clock += 5_000;
            const updated = await call(emulator, "PATCH", `/notification-channels/${created.id}`, {
                body: { name: "ops-2" },
            });
            assert.deepEqual(updated.body, { ...created, name: "ops-2", updated_at: "2026-02-28T10:00:05Z" });
        });

        it("keeps a channel's id when the shape changes later, as a real server would", async function () {
            const created = (await call(emulator, "POST", "/notification-channels", { body: webhook })).body;
            emulator.shape = "reference";
            const got = await call(emulator, "GET", `/notification-channels/${created.id}`);
            assert.equal(got.body.channel.id, created.id);
            assert.match(created.id, /^nc_/);
        });
    });

    describe("create validation", function () {
        const url = (value: unknown) => ({ name: "n", channel_type: "webhook", config: { url: value } });
        const table: Array<[string, unknown, string]> = [
            ["no name", { channel_type: "slack", config: {} }, "Invalid body: 'name' is required"],
            ["an empty name", { ...webhook, name: "" }, "Invalid body: 'name' must not be empty"],
            ["a numeric name", { ...webhook, name: 5 }, "Invalid body: 'name' must be a string"],
            ["no channel_type", { name: "n", config: {} }, "Invalid body: 'channel_type' is required"],
            [
                "an unknown channel_type",
                { ...webhook, channel_type: "sms" },
                "Invalid body: 'channel_type' must be one of webhook, slack, discord, email",
            ],
            ["no config", { name: "n", channel_type: "email" }, "Invalid body: 'config' is required"],
            ["a list as config", { ...webhook, config: [] }, "Invalid body: 'config' must be an object"],
            ["a webhook without url", { ...webhook, config: {} }, "Invalid body: 'config.url' is required"],
            ["an ftp url", url("ftp://example.com/x"), "Invalid body: 'config.url' must be a valid http(s) URL"],
            ["a relative url", url("/alerts"), "Invalid body: 'config.url' must be a valid http(s) URL"],
            ["a numeric url", url(42), "Invalid body: 'config.url' must be a valid http(s) URL"],
            [
                "a numeric secret",
                { ...webhook, config: { url: "https://x.example", secret: 1 } },
                "Invalid body: 'config.secret' must be a string",
            ],
            [
                "an unknown webhook setting",
                { ...webhook, config: { url: "https://x.example", headers: {} } },
                "Invalid body: 'config.headers' is not a known setting",
            ],
            [
                "a slack channel with a secret",
                { name: "n", channel_type: "slack", config: { url: "https://hooks.slack.com/x", secret: "s" } },
                "Invalid body: 'config.secret' is not a known setting",
            ],
            [
                "a discord channel without url",
                { name: "n", channel_type: "discord", config: {} },
                "Invalid body: 'config.url' is required",
            ],
            [
                "an email channel with no recipients",
                { name: "n", channel_type: "email", config: { recipients: [] } },
                "Invalid body: 'config.recipients' must name at least one recipient",
            ],
            [
                "an email channel with one recipient as a string",
                { name: "n", channel_type: "email", config: { recipients: "a@example.com" } },
                "Invalid body: 'config.recipients' must be a list of email addresses",
            ],
            [
                "an email channel with a numeric recipient",
                { name: "n", channel_type: "email", config: { recipients: ["a@example.com", 7] } },
                "Invalid body: 'config.recipients[1]' must be a string",
            ],
            ["a JSON list as body", "[]", "Invalid body: expected a JSON object"],
            ["malformed JSON", '{"name":', "Invalid body: malformed JSON"],
            ["no body", undefined, "Invalid body: expected a JSON object"],
        ];
        for (const [what, body, message] of table) {
            it(`refuses ${what} with 400 naming the field`, async function () {
                const response = await call(emulator, "POST", "/notification-channels", { body });
                assert.equal(response.status, 400);
                assert.equal(response.body.error, message);
                assert.deepEqual(emulator.channels(), []);
            });
        }

        it("never echoes a rejected value, which may be a credential", async function () {
            const response = await call(emulator, "POST", "/notification-channels", {
                body: {
                    name: "n",
                    channel_type: "slack",
                    config: { url: "hooks.slack.com/services/T0/B0/SECRETPART" },
                },
            });
            assert.equal(response.status, 400);
            assert.equal(JSON.stringify(response.body).includes("SECRETPART"), false);
        });

        it("ignores `enabled` on create: a new channel is always enabled", async function () {
            const response = await call(emulator, "POST", "/notification-channels", {
                body: { ...webhook, enabled: false },
            });
            assert.equal(response.status, 201);
            assert.equal(response.body.channel.enabled, 1);
        });

        it("accepts each channel type's config", async function () {
            for (const body of [
                { name: "w", channel_type: "webhook", config: { url: "http://localhost:9000/hook" } },
                { name: "s", channel_type: "slack", config: { url: "https://hooks.slack.com/services/T/B/X" } },
                { name: "d", channel_type: "discord", config: { url: "https://discord.com/api/webhooks/1/x" } },
                { name: "e", channel_type: "email", config: { recipients: ["a@example.com", "b@example.com"] } },
            ]) {
                const response = await call(emulator, "POST", "/notification-channels", { body });
                assert.equal(response.status, 201, body.channel_type);
            }
            assert.deepEqual(
                emulator.channels().map((channel) => channel.channel_type),
                ["webhook", "slack", "discord", "email"],
            );
        });
    });

    describe("PATCH", function () {
        let id: string;

        beforeEach(function () {
            id = emulator.createChannel("ops", webhook).id;
        });

        it("replaces config whole rather than merging it", async function () {
            const response = await call(emulator, "PATCH", `/notification-channels/${id}`, {
                body: { config: { url: "https://ops.example.com/v2" } },
            });
            assert.equal(response.status, 200);
            assert.deepEqual(emulator.channels()[0]!.config, { url: "https://ops.example.com/v2" });
        });

        it("changes name and enabled together, and bumps updated_at only", async function () {
            clock += 61_000;
            await call(emulator, "PATCH", `/notification-channels/${id}`, {
                body: { name: "renamed", enabled: false },
            });
            const [stored] = emulator.channels();
            assert.deepEqual(
                {
                    name: stored!.name,
                    enabled: stored!.enabled,
                    created: stored!.created_at,
                    updated: stored!.updated_at,
                },
                { name: "renamed", enabled: false, created: "2026-02-28T10:00:00Z", updated: "2026-02-28T10:01:01Z" },
            );
        });

        const refusals: Array<[string, unknown, string]> = [
            [
                "a channel_type, even the same one",
                { channel_type: "webhook" },
                "Invalid body: 'channel_type' cannot be changed",
            ],
            ["no fields", {}, "No fields to update"],
            ["only unknown fields", { type: "slack" }, "No fields to update"],
            ["enabled as 0/1", { enabled: 0 }, "Invalid body: 'enabled' must be true or false"],
            ["an empty name", { name: "" }, "Invalid body: 'name' must not be empty"],
            [
                "a config of another channel type",
                { config: { recipients: ["a@example.com"] } },
                "Invalid body: 'config.url' is required",
            ],
            ["a null body", "null", "Invalid body: expected a JSON object"],
        ];
        for (const [what, body, message] of refusals) {
            it(`refuses ${what} with 400 and changes nothing`, async function () {
                const before = emulator.channels();
                const response = await call(emulator, "PATCH", `/notification-channels/${id}`, { body });
                assert.deepEqual(
                    { status: response.status, error: response.body.error },
                    { status: 400, error: message },
                );
                assert.deepEqual(emulator.channels(), before);
            });
        }

        it("answers 404 for a missing channel", async function () {
            const response = await call(emulator, "PATCH", "/notification-channels/" + "0".repeat(32), {
                body: { name: "x" },
            });
            assert.equal(response.status, 404);
            assert.equal(response.body.error, "Notification channel not found");
        });
    });

    describe("DELETE", function () {
        it('answers 200 {"success":true}, then 404 for the same id', async function () {
            const { id } = emulator.createChannel("ops", webhook);
            const first = await call(emulator, "DELETE", `/notification-channels/${id}`);
            assert.deepEqual({ status: first.status, body: first.body }, { status: 200, body: { success: true } });
            assert.deepEqual(emulator.channels(), []);
            const again = await call(emulator, "DELETE", `/notification-channels/${id}`);
            assert.equal(again.status, 404);
            assert.equal(again.body.error, "Notification channel not found");
            assert.equal((await call(emulator, "GET", `/notification-channels/${id}`)).status, 404);
        });
    });

    describe("POST …/test", function () {
        it("succeeds for an enabled channel and sets last_sent_at", async function () {
            const { id } = emulator.createChannel("ops", webhook);
            clock += 30_000;
            const response = await call(emulator, "POST", `/notification-channels/${id}/test`);
            assert.deepEqual(
                { status: response.status, body: response.body },
                {
                    status: 200,
                    body: { success: true, error: null },
                },
            );
            const got = await call(emulator, "GET", `/notification-channels/${id}`);
            assert.equal(got.body.channel.last_sent_at, "2026-02-28 10:00:30");
            assert.equal(got.body.channel.updated_at, "2026-02-28 10:00:00", "tracking fields are not an update");
        });

        it("fails for a disabled channel and counts the error", async function () {
            const { id } = emulator.createChannel("ops", { ...webhook, enabled: false });
            for (let attempt = 0; attempt < 2; attempt++) {
                const response = await call(emulator, "POST", `/notification-channels/${id}/test`);
                assert.deepEqual(response.body, { success: false, error: "Channel is disabled" });
            }
            const [stored] = emulator.channels();
            assert.deepEqual(
                { count: stored!.error_count, error: stored!.last_error, sent: stored!.last_sent_at },
                { count: 2, error: "Channel is disabled", sent: null },
            );
        });

        it("answers 404 for a missing channel", async function () {
            const response = await call(emulator, "POST", "/notification-channels/nope/test");
            assert.equal(response.status, 404);
        });
    });

    describe("list pagination", function () {
        /** Follows `cursor` until `has_more` is false; returns each page's ids. */
        async function pages(query: string): Promise<string[][]> {
            const seen: string[][] = [];
            let cursor: string | null = null;
            do {
                const suffix: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
                const response = await call(emulator, "GET", `/notification-channels?${query}${suffix}`);
                assert.equal(response.status, 200);
                assert.equal(response.body.has_more, response.body.cursor !== null);
                seen.push(response.body.channels.map((channel: Json) => channel.id));
                cursor = response.body.cursor;
                assert.ok(seen.length <= 10, "pagination terminates");
            } while (cursor !== null);
            return seen;
        }

        it("walks every channel newest first across pages with limit and cursor, without duplicates", async function () {
            const ids: string[] = [];
            for (let n = 0; n < 7; n++) ids.push(emulator.createChannel("ops", { ...webhook, name: `c${n}` }).id);
            emulator.createChannel("other", webhook);
            const seen = await pages("limit=3");
            assert.deepEqual(
                seen.map((page) => page.length),
                [3, 3, 1],
            );
            assert.deepEqual(seen.flat(), [...ids].reverse());
        });

        it("ends with cursor null and has_more false when the last page is exactly full", async function () {
            for (let n = 0; n < 4; n++) emulator.createChannel("ops", { ...webhook, name: `c${n}` });
            assert.deepEqual(
                (await pages("limit=2")).map((page) => page.length),
                [2, 2],
            );
        });

        it("skips nothing when a channel is deleted between pages", async function () {
            const ids: string[] = [];
            for (let n = 0; n < 5; n++) ids.push(emulator.createChannel("ops", { ...webhook, name: `c${n}` }).id);
            const first = await call(emulator, "GET", "/notification-channels?limit=2");
            emulator.deleteChannel(first.body.channels[1].id);
            const second = await call(emulator, "GET", `/notification-channels?limit=2&cursor=${first.body.cursor}`);
            assert.deepEqual(
                second.body.channels.map((channel: Json) => channel.id),
                [ids[2], ids[1]],
            );
        });

        it("pages by 20 without ?limit=", async function () {
            for (let n = 0; n < 21; n++) emulator.createChannel("ops", { ...webhook, name: `c${n}` });
            const response = await call(emulator, "GET", "/notification-channels");
            assert.equal(response.body.channels.length, 20);
            assert.equal(response.body.has_more, true);
            assert.equal((await call(emulator, "GET", "/notification-channels?limit=100")).body.channels.length, 21);
        });

        for (const limit of ["0", "101", "abc", "2.5", "-1"]) {
            it(`refuses limit=${limit} with 400`, async function () {
                const response = await call(emulator, "GET", `/notification-channels?limit=${limit}`);
                assert.equal(response.status, 400);
                assert.equal(response.body.error, "Invalid query: 'limit' must be an integer from 1 to 100");
            });
        }

        it("refuses a cursor it did not issue with 400", async function () {
            emulator.createChannel("ops", webhook);
            for (const cursor of ["garbage", Buffer.from("after:x").toString("base64url"), "YWZ0ZXI6MQ!"]) {
                const response = await call(emulator, "GET", `/notification-channels?cursor=${cursor}`);
                assert.equal(response.status, 400, cursor);
                assert.equal(response.body.error, "Invalid query: 'cursor' is not a cursor this server issued");
            }
        });
    });

    describe("routing", function () {
        it("answers 404 in the error shape for an unknown route, with or without a key", async function () {
            for (const path of ["/sources", "/notification-channels/a/b/c", "/notification-channels/"]) {
                for (const key of [opsKey, null]) {
                    const response = await call(emulator, "GET", path, { key });
                    assert.deepEqual(
                        { status: response.status, error: response.body.error, code: response.body.status },
                        { status: 404, error: "Not found", code: 404 },
                        path,
                    );
                }
            }
        });

        it("answers 405 with Allow for a method the route does not have", async function () {
            for (const [method, path, allow] of [
                ["PUT", "/notification-channels", "GET, POST"],
                ["POST", "/notification-channels/abc", "GET, PATCH, DELETE"],
                ["GET", "/notification-channels/abc/test", "POST"],
            ] as const) {
                const response = await call(emulator, method, path);
                assert.equal(response.status, 405, `${method} ${path}`);
                assert.equal(response.body.error, "Method not allowed");
                assert.equal(response.headers.get("allow"), allow);
            }
        });
    });

    describe("request recording", function () {
        it("records every API request in order, rejected ones included, and not control requests", async function () {
            await call(emulator, "POST", "/notification-channels?x=1", { body: webhook });
            await call(emulator, "GET", "/notification-channels", { key: "wrong" });
            await call(emulator, "PATCH", "/notification-channels/abc", { body: "{oops" });
            await fetch(emulator.url.replace("/v1", "/_emulator/requests"));
            assert.deepEqual(emulator.requests, [
                {
                    method: "POST",
                    path: "/v1/notification-channels",
                    query: { x: "1" },
                    project: "ops",
                    status: 201,
                    body: webhook,
                    apiKeyPresent: true,
                },
                { method: "GET", path: "/v1/notification-channels", query: {}, status: 401, apiKeyPresent: true },
                {
                    method: "PATCH",
                    path: "/v1/notification-channels/abc",
                    query: {},
                    project: "ops",
                    status: 400,
                    body: "{oops",
                    apiKeyPresent: true,
                },
            ]);
        });

        it("starts over after resetRequests", async function () {
            await call(emulator, "GET", "/notification-channels");
            emulator.resetRequests();
            assert.equal(emulator.requests.length, 0);
            await call(emulator, "GET", "/notification-channels", { key: null });
            assert.deepEqual(
                emulator.requests.map((request) => [request.status, request.apiKeyPresent]),
                [[401, false]],
            );
        });
    });

    describe("out-of-band changes", function () {
        it("creates, updates and deletes channels the API then serves", async function () {
            const created = emulator.createChannel("ops", {
                name: "mail",
                channel_type: "email",
                config: { recipients: ["a@example.com"] },
                enabled: false,
            });
            assert.equal(created.enabled, false);
            clock += 1_000;
            const updated = emulator.updateChannel(created.id, { name: "mail-2", enabled: true });
            assert.deepEqual(updated, {
                ...created,
                name: "mail-2",
                enabled: true,
                updated_at: "2026-02-28T10:00:01Z",
            });
            const got = await call(emulator, "GET", `/notification-channels/${created.id}`);
            assert.equal(got.body.channel.name, "mail-2");
            emulator.deleteChannel(created.id);
            assert.equal((await call(emulator, "GET", `/notification-channels/${created.id}`)).status, 404);
        });

        it("hands out copies, so editing one changes nothing stored", function () {
            const created = emulator.createChannel("ops", webhook);
            created.name = "edited copy";
            emulator.channels()[0]!.config.url = "https://elsewhere.example";
            assert.deepEqual(
                emulator.channels().map((channel) => [channel.name, channel.config.url]),
                [["ops", webhook.config.url]],
            );
        });

        it("filters channels by project and gives each project a stable env_id in one org", function () {
            const ops = emulator.createChannel("ops", webhook);
            const other = emulator.createChannel("other", webhook);
            assert.deepEqual(
                emulator.channels("ops").map((channel) => channel.id),
                [ops.id],
            );
            assert.equal(emulator.channels().length, 2);
            assert.equal(ops.org_id, other.org_id);
            assert.notEqual(ops.env_id, other.env_id);
            assert.equal(emulator.createChannel("ops", webhook).env_id, ops.env_id);
        });

        it("throws for an unknown project, an invalid channel, an unknown id or an empty patch", function () {
            assert.throws(() => emulator.createChannel("nobody", webhook), /'project' must name the project/);
            assert.throws(
                () => emulator.createChannel("ops", { ...webhook, config: { url: "mailto:x" } }),
                /'config\.url' must be a valid http\(s\) URL/,
            );
            assert.throws(() => emulator.updateChannel("missing", { name: "x" }), /Notification channel not found/);
            const { id } = emulator.createChannel("ops", webhook);
            assert.throws(() => emulator.updateChannel(id, {}), /No fields to update/);
            assert.throws(() => emulator.deleteChannel("missing"), /Notification channel not found/);
        });

        it("refuses an unknown shape", function () {
            assert.throws(() => {
                emulator.shape = "flat" as never;
            }, /shape must be one of reference, docs/);
            assert.equal(emulator.shape, "reference");
        });
    });
});

describe("startEmulator options", function () {
    const invalid: Array<[string, Partial<EmulatorOptions>, RegExp]> = [
        ["no API keys", { apiKeys: {} }, /apiKeys must map at least one API key/],
        ["an empty project", { apiKeys: { k: "" } }, /non-empty project name/],
        ["a port out of range", { port: 70_000 }, /port must be an integer/],
        ["an unknown shape", { shape: "flat" as never }, /shape must be one of/],
        ["a zero rate limit", { rateLimit: { limit: 0, windowMs: 1000 } }, /rateLimit needs a positive integer/],
        ["a page size above 100", { pageSizeDefault: 101 }, /pageSizeDefault must be an integer from 1 to 100/],
    ];
    for (const [what, options, message] of invalid) {
        it(`rejects ${what}`, async function () {
            await assert.rejects(startEmulator({ apiKeys: { k: "p" }, ...options }), message);
        });
    }

    it("uses pageSizeDefault for a list without ?limit=", async function () {
        const emulator = await startEmulator({ apiKeys: { [opsKey]: "ops" }, pageSizeDefault: 2 });
        try {
            for (let n = 0; n < 3; n++) emulator.createChannel("ops", webhook);
            const response = await call(emulator, "GET", "/notification-channels");
            assert.deepEqual([response.body.channels.length, response.body.has_more], [2, true]);
        } finally {
            await emulator.close();
        }
    });

    it("starts in the shape it is given", async function () {
        const emulator = await startEmulator({ apiKeys: { [opsKey]: "ops" }, shape: "docs" });
        try {
            const response = await call(emulator, "POST", "/notification-channels", { body: webhook });
            assert.equal(response.body.type, "webhook");
        } finally {
            await emulator.close();
        }
    });
});
