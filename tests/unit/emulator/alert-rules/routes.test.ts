import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../../emulator";
import { callApi, type Json } from "../call-api";

const opsKey = "hs_test_" + "a".repeat(64);
const otherKey = "hs_test_" + "b".repeat(64);
const startTime = Date.UTC(2026, 1, 28, 10, 0, 0);
const ruleFields = [
    "id",
    "org_id",
    "env_id",
    "name",
    "description",
    "enabled",
    "rule_type",
    "rule_config",
    "source_id",
    "destination_id",
    "channel_ids",
    "cooldown_minutes",
    "last_triggered_at",
    "trigger_count",
    "created_at",
    "updated_at",
];
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };

describe("emulator: /v1/alert-rules", function () {
    let emulator: Emulator;
    let clock: number;
    const call = (method: string, path: string, body?: unknown, key: string | null = opsKey) =>
        callApi(emulator, method, path, { key, body });

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

    function highErrorRate(channelIds: string[]) {
        return {
            name: "High Error Rate",
            rule_type: "failure_rate",
            rule_config: { threshold: 0.1 },
            channel_ids: channelIds,
        };
    }

    describe("the reference shape (R-AR-*)", function () {
        it("creates a rule: 201, enveloped, 16 fields, JSON-string columns, enabled 1, D1 timestamps, hex id", async function () {
            const channel = emulator.createChannel("ops", webhook);
            const response = await call("POST", "/alert-rules", highErrorRate([channel.id]));
            assert.equal(response.status, 201);
            assert.deepEqual(Object.keys(response.body), ["alert_rule"]);
            const rule = response.body.alert_rule;
            assert.deepEqual(Object.keys(rule), ruleFields);
            assert.match(rule.id, /^[0-9a-f]{32}$/);
            assert.deepEqual(
                { ...rule, id: undefined },
                {
                    id: undefined,
                    org_id: channel.org_id,
                    env_id: channel.env_id,
                    name: "High Error Rate",
                    description: null,
                    enabled: 1,
                    rule_type: "failure_rate",
                    rule_config: '{"threshold":0.1}',
                    source_id: null,
                    destination_id: null,
                    channel_ids: JSON.stringify([channel.id]),
                    cooldown_minutes: 60,
                    last_triggered_at: null,
                    trigger_count: 0,
                    created_at: "2026-02-28 10:00:00",
                    updated_at: "2026-02-28 10:00:00",
                },
            );
        });

        it("retrieves a rule with its history beside it, and lists rules under alert_rules with PAG's cursor", async function () {
            const { body } = await call("POST", "/alert-rules", {
                name: "dlq",
                description: "DLQ growth",
                rule_type: "dlq",
                rule_config: { threshold: 5 },
                destination_id: "dst_1",
                cooldown_minutes: 15,
            });
            const got = await call("GET", `/alert-rules/${body.alert_rule.id}`);
            assert.equal(got.status, 200);
            assert.deepEqual(got.body, { alert_rule: body.alert_rule, history: [] });
            const list = await call("GET", "/alert-rules");
            assert.deepEqual(list.body, { alert_rules: [body.alert_rule], cursor: null, has_more: false });
        });
    });

    describe("the docs shape (AR's examples)", function () {
        beforeEach(function () {
            emulator.shape = "docs";
        });

        it("creates a rule: enveloped, ar_ id, rule_config an object, channel_ids an array, enabled a boolean, ISO timestamps", async function () {
            const channel = emulator.createChannel("ops", webhook);
            assert.match(channel.id, /^nc_[0-9a-f]{32}$/);
            const response = await call("POST", "/alert-rules", highErrorRate([channel.id]));
            assert.equal(response.status, 201);
            const rule = response.body.alert_rule;
            assert.deepEqual(Object.keys(rule), ruleFields);
            assert.match(rule.id, /^ar_[0-9a-f]{32}$/);
            assert.deepEqual(
                {
                    enabled: rule.enabled,
                    rule_config: rule.rule_config,
                    channel_ids: rule.channel_ids,
                    created_at: rule.created_at,
                    updated_at: rule.updated_at,
                },
                {
                    enabled: true,
                    rule_config: { threshold: 0.1 },
                    channel_ids: [channel.id],
                    created_at: "2026-02-28T10:00:00Z",
                    updated_at: "2026-02-28T10:00:00Z",
                },
            );
        });

        it("retrieves, lists and updates in the same form", async function () {
            const { body } = await call("POST", "/alert-rules", { name: "issues", rule_type: "issue_opened" });
            const id: string = body.alert_rule.id;
            assert.deepEqual((await call("GET", `/alert-rules/${id}`)).body, {
                alert_rule: body.alert_rule,
                history: [],
            });
            assert.deepEqual((await call("GET", "/alert-rules")).body.alert_rules, [body.alert_rule]);
            const patched = await call("PATCH", `/alert-rules/${id}`, { enabled: false });
            assert.equal(patched.body.alert_rule.enabled, false);
            assert.deepEqual(patched.body.alert_rule.rule_config, {});
        });

        it("keeps a rule's id when the shape changes later", async function () {
            const { body } = await call("POST", "/alert-rules", { name: "issues", rule_type: "issue_opened" });
            emulator.shape = "reference";
            const got = await call("GET", `/alert-rules/${body.alert_rule.id}`);
            assert.equal(got.body.alert_rule.id, body.alert_rule.id);
            assert.equal(got.body.alert_rule.enabled, 1);
        });
    });

    describe("PATCH", function () {
        it("changes every updatable field, replaces rule_config and channel_ids whole, and bumps updated_at only", async function () {
            const [first, second] = [emulator.createChannel("ops", webhook), emulator.createChannel("ops", webhook)];
            const created = emulator.createAlertRule("ops", {
                name: "latency",
                rule_type: "latency",
                rule_config: { threshold_ms: 2000, percentile_target: 95 },
                source_id: "src_1",
                channel_ids: [first!.id],
            });
            clock += 60_000;
            const response = await call("PATCH", `/alert-rules/${created.id}`, {
                name: "slow",
                description: "p99 over 1 s",
                enabled: false,
                rule_config: { threshold_ms: 1000 },
                source_id: null,
                destination_id: "dst_1",
                channel_ids: [second!.id],
                cooldown_minutes: 0,
            });
            assert.equal(response.status, 200);
            const [stored] = emulator.alertRules();
            assert.deepEqual(stored, {
                ...created,
                name: "slow",
                description: "p99 over 1 s",
                enabled: false,
                rule_config: { threshold_ms: 1000 },
                source_id: null,
                destination_id: "dst_1",
                channel_ids: [second!.id],
                cooldown_minutes: 0,
                updated_at: "2026-02-28T10:01:00Z",
            });
            assert.equal(response.body.alert_rule.updated_at, "2026-02-28 10:01:00");
        });

        for (const [what, patch, message] of [
            ["an empty body", {}, "No fields to update"],
            ["a rule_type", { rule_type: "dlq" }, "Invalid body: 'rule_type' cannot be changed"],
            ["enabled as 0", { enabled: 0 }, "Invalid body: 'enabled' must be true or false"],
            ["a null description", { description: null }, "Invalid body: 'description' must be a string"],
            [
                "a rule_config for another rule type",
                { rule_config: { threshold: 5, window: 3 } },
                "Invalid body: 'rule_config.window' is not a known setting",
            ],
            [
                "an unknown channel id",
                { channel_ids: ["nc_missing"] },
                "Invalid body: 'channel_ids.0' must be the id of a notification channel of this project",
            ],
        ] as const) {
            it(`refuses ${what} with 400 and changes nothing`, async function () {
                const created = emulator.createAlertRule("ops", {
                    name: "dlq",
                    rule_type: "dlq",
                    rule_config: { threshold: 5 },
                });
                const response = await call("PATCH", `/alert-rules/${created.id}`, patch);
                assert.deepEqual(
                    { status: response.status, error: response.body.error },
                    { status: 400, error: message },
                );
                assert.deepEqual(emulator.alertRules(), [created]);
            });
        }
    });

    describe("DELETE", function () {
        it('answers 200 {"success":true}, then 404 "Alert rule not found" for the same id', async function () {
            const { id } = emulator.createAlertRule("ops", { name: "issues", rule_type: "issue_opened" });
            const response = await call("DELETE", `/alert-rules/${id}`);
            assert.deepEqual(
                { status: response.status, body: response.body },
                { status: 200, body: { success: true } },
            );
            assert.deepEqual(emulator.alertRules(), []);
            const again = await call("DELETE", `/alert-rules/${id}`);
            assert.deepEqual(
                { status: again.status, error: again.body.error },
                { status: 404, error: "Alert rule not found" },
            );
        });
    });

    describe("per-project isolation", function () {
        it("hides another project's rule behind a 404 for every operation and leaves it untouched", async function () {
            const theirs = emulator.createAlertRule("other", { name: "theirs", rule_type: "issue_opened" });
            for (const [method, body] of [["GET"], ["PATCH", { name: "mine now" }], ["DELETE"]] as const) {
                const response = await call(method, `/alert-rules/${theirs.id}`, body);
                assert.deepEqual(
                    { status: response.status, error: response.body.error },
                    { status: 404, error: "Alert rule not found" },
                    method,
                );
            }
            assert.deepEqual((await call("GET", "/alert-rules")).body.alert_rules, []);
            assert.deepEqual(emulator.alertRules("other"), [theirs]);
            assert.deepEqual(emulator.alertRules("ops"), []);
        });

        it("refuses a channel of another project in channel_ids, as unknown as a missing one", async function () {
            const theirs = emulator.createChannel("other", webhook);
            const response = await call("POST", "/alert-rules", highErrorRate([theirs.id]));
            assert.equal(response.status, 400);
            assert.equal(
                response.body.error,
                "Invalid body: 'channel_ids.0' must be the id of a notification channel of this project",
            );
            assert.deepEqual(emulator.alertRules(), []);
        });

        it("answers 401 without a key, and counts nothing for an unknown route", async function () {
            const response = await call("GET", "/alert-rules", undefined, null);
            assert.deepEqual(
                { status: response.status, error: response.body.error },
                { status: 401, error: "Invalid API key" },
            );
            const test = await call("POST", "/alert-rules/x/test");
            assert.equal(test.status, 404, "rules have no /test endpoint");
        });
    });

    describe("create validation", function () {
        const valid = { name: "n", rule_type: "failure_rate", rule_config: { threshold: 0.1 } };
        for (const [what, body, message] of [
            ["a body that is not an object", [], "Invalid body: expected a JSON object"],
            ["malformed JSON", "{", "Invalid body: malformed JSON"],
            ["no name", { ...valid, name: undefined }, "Invalid body: 'name' is required"],
            ["an empty name", { ...valid, name: "" }, "Invalid body: 'name' must not be empty"],
            ["no rule_type", { ...valid, rule_type: undefined }, "Invalid body: 'rule_type' is required"],
            [
                "an unknown rule_type",
                { ...valid, rule_type: "circuit_breaker" },
                "Invalid body: 'rule_type' must be one of failure_rate, latency, volume_drop, dlq, issue_opened",
            ],
            [
                "rule_config as a string",
                { ...valid, rule_config: "{}" },
                "Invalid body: 'rule_config' must be an object",
            ],
            [
                "a threshold rule without its threshold",
                { ...valid, rule_config: undefined },
                "Invalid body: 'rule_config.threshold' is required",
            ],
            [
                "a threshold as a string",
                { ...valid, rule_config: { threshold: "0.1" } },
                "Invalid body: 'rule_config.threshold' must be a number",
            ],
            [
                "a failure_rate above 100",
                { ...valid, rule_config: { threshold: 1000 } },
                "Invalid body: 'rule_config.threshold' must be at most 100",
            ],
            [
                "latency mixing AR's and GUIDE's keys",
                { ...valid, rule_type: "latency", rule_config: { threshold: 2000, threshold_ms: 2000 } },
                "Invalid body: 'rule_config.threshold_ms' is not a known setting",
            ],
            [
                "an unknown percentile_target",
                { ...valid, rule_type: "latency", rule_config: { threshold_ms: 2000, percentile_target: "p90" } },
                "Invalid body: 'rule_config.percentile_target' must be a percentile from 0 to 100 or one of p50, p95, p99",
            ],
            [
                "a fractional dlq count",
                { ...valid, rule_type: "dlq", rule_config: { threshold: 2.5 } },
                "Invalid body: 'rule_config.threshold' must be a whole number of events",
            ],
            [
                "settings on an issue_opened rule",
                { ...valid, rule_type: "issue_opened", rule_config: { threshold: 1 } },
                "Invalid body: 'rule_config.threshold' is not a known setting",
            ],
            [
                "channel_ids as a string",
                { ...valid, channel_ids: "nc_1" },
                "Invalid body: 'channel_ids' must be a list of notification channel ids",
            ],
            [
                "a channel listed twice",
                { ...valid, channel_ids: ["a", "a"] },
                "Invalid body: 'channel_ids' must not list a channel twice",
            ],
            [
                "an unknown channel id",
                { ...valid, channel_ids: ["nc_missing"] },
                "Invalid body: 'channel_ids.0' must be the id of a notification channel of this project",
            ],
            [
                "fractional cooldown_minutes",
                { ...valid, cooldown_minutes: 1.5 },
                "Invalid body: 'cooldown_minutes' must be a whole number of minutes",
            ],
            [
                "negative cooldown_minutes",
                { ...valid, cooldown_minutes: -1 },
                "Invalid body: 'cooldown_minutes' must be 0 or more",
            ],
            ["a null source_id", { ...valid, source_id: null }, "Invalid body: 'source_id' must be a string"],
            ["a null description", { ...valid, description: null }, "Invalid body: 'description' must be a string"],
        ] as const) {
            it(`refuses ${what} with 400 naming the field, and stores nothing`, async function () {
                const response = await call("POST", "/alert-rules", body);
                assert.deepEqual(
                    { status: response.status, error: response.body.error, keys: Object.keys(response.body) },
                    { status: 400, error: message, keys: ["error", "status", "request_id"] },
                );
                assert.deepEqual(emulator.alertRules(), []);
            });
        }

        it("accepts every documented rule_config spelling, converting none", async function () {
            const configs: Array<[string, Record<string, unknown>]> = [
                ["failure_rate", { threshold: 0.1 }],
                ["failure_rate", { threshold: 10 }],
                ["latency", { threshold_ms: 2000, percentile_target: 95 }],
                ["latency", { threshold_ms: 2000, percentile_target: "p99" }],
                ["latency", { threshold: 2000 }],
                ["volume_drop", { threshold: 50 }],
                ["dlq", { threshold: 5 }],
                ["issue_opened", {}],
            ];
            for (const [ruleType, config] of configs) {
                const response = await call("POST", "/alert-rules", {
                    name: "n",
                    rule_type: ruleType,
                    rule_config: config,
                });
                assert.equal(response.status, 201, `${ruleType} ${JSON.stringify(config)}: ${response.body.error}`);
            }
            assert.deepEqual(
                emulator.alertRules().map((rule) => [rule.rule_type, rule.rule_config]),
                configs,
            );
        });

        it("ignores enabled on create: a new rule is enabled", async function () {
            const response = await call("POST", "/alert-rules", { ...valid, enabled: false });
            assert.equal(response.body.alert_rule.enabled, 1);
        });
    });

    describe("list pagination", function () {
        it("walks every rule newest first with limit and cursor, and refuses a cursor it did not issue", async function () {
            const ids: string[] = [];
            for (let index = 0; index < 5; index++) {
                ids.push(emulator.createAlertRule("ops", { name: `r${index}`, rule_type: "issue_opened" }).id);
            }
            const seen: string[][] = [];
            let cursor: string | null = null;
            do {
                const suffix: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
                const page = await call("GET", `/alert-rules?limit=2${suffix}`);
                assert.equal(page.status, 200);
                assert.equal(page.body.has_more, page.body.cursor !== null);
                seen.push(page.body.alert_rules.map((rule: Json) => rule.id));
                cursor = page.body.cursor;
            } while (cursor !== null);
            assert.deepEqual(seen, [ids.slice(3).reverse(), ids.slice(1, 3).reverse(), [ids[0]]]);
            assert.equal((await call("GET", "/alert-rules?cursor=bogus")).status, 400);
            assert.equal((await call("GET", "/alert-rules?limit=101")).status, 400);
        });
    });

    describe("faults, latency, lost creates and rate limits on rule paths", function () {
        it("answers an injected status on POST /v1/alert-rules without creating the rule", async function () {
            emulator.inject({ method: "POST", path: "/v1/alert-rules", action: { type: "status", status: 503 } });
            const response = await call("POST", "/alert-rules", { name: "n", rule_type: "issue_opened" });
            assert.equal(response.status, 503);
            assert.deepEqual(emulator.alertRules(), []);
            assert.equal(emulator.requests[0]?.fault, "status");
        });

        it("stores the rule on lose-response, then cuts the connection", async function () {
            emulator.inject({ method: "POST", path: "/v1/alert-rules", action: { type: "lose-response" } });
            await assert.rejects(call("POST", "/alert-rules", { name: "lost", rule_type: "issue_opened" }));
            assert.deepEqual(
                emulator.alertRules().map((rule) => rule.name),
                ["lost"],
            );
            assert.deepEqual(
                emulator.requests.map((request) => [request.method, request.path, request.status, request.fault]),
                [["POST", "/v1/alert-rules", 0, "lose-response"]],
            );
        });

        it("matches a rule's id path by RegExp, leaving channel paths alone", async function () {
            const rule = emulator.createAlertRule("ops", { name: "n", rule_type: "issue_opened" });
            emulator.inject({ path: /^\/v1\/alert-rules\/[^/]+$/, action: { type: "drop" }, times: 2 });
            assert.equal((await call("GET", "/notification-channels")).status, 200);
            await assert.rejects(call("PATCH", `/alert-rules/${rule.id}`, { name: "changed" }));
            await assert.rejects(call("DELETE", `/alert-rules/${rule.id}`));
            assert.deepEqual(emulator.alertRules(), [rule], "a dropped request performs nothing");
        });

        it("delays a rule request by an injected latency, then serves it", async function () {
            emulator.inject({ method: "GET", path: "/v1/alert-rules", action: { type: "latency", ms: 20 } });
            const response = await call("GET", "/alert-rules");
            assert.equal(response.status, 200);
            assert.equal(emulator.requests[0]?.fault, "latency");
        });

        it("counts rule requests against the organization's rate limit with channel requests", async function () {
            const limited = await startEmulator({
                apiKeys: { [opsKey]: "ops" },
                rateLimit: { limit: 2, windowMs: 60_000 },
            });
            try {
                const get = (path: string) => callApi(limited, "GET", path, { key: opsKey });
                assert.equal((await get("/notification-channels")).status, 200);
                const second = await get("/alert-rules");
                assert.deepEqual([second.status, second.headers.get("ratelimit-remaining")], [200, "0"]);
                const third = await callApi(limited, "POST", "/alert-rules", {
                    key: opsKey,
                    body: { name: "n", rule_type: "issue_opened" },
                });
                assert.deepEqual([third.status, third.body.error], [429, "Rate limit exceeded"]);
                assert.deepEqual(limited.alertRules(), []);
            } finally {
                await limited.close();
            }
        });
    });
});
