import assert from "node:assert/strict";
import { startEmulator, type AlertRuleInput, type Emulator } from "../../emulator";
import { markedName, parseCreateToken } from "../../provider/core/create-token";
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedRuleProvider } from "./alert-rule-provider-text";

/**
 * A POST whose answer never arrives (docs/hookstream-api.md §4.3: creation is not idempotent). The POST carries the
 * create token's nonce in the name; the provider must not send it again. It lists the project's alert rules and takes
 * over the one bearing its marker, never a look-alike (same name, type, config, channels and cooldown) made by someone
 * else, and fails with the POST's own error when nothing bears it, so that the next `pulumi up` creates exactly one.
 */

const apiKey = "hs_test_" + "9".repeat(64);
const project = "rule-lost-create";

/** Each rule type once, declared as a program would, and the same rule in hookstream's wire spelling. */
const rules = {
    failure_rate: { declared: { threshold: 0.1 }, wire: { threshold: 0.1 } },
    latency: {
        declared: { thresholdMs: 1500, percentileTarget: 95 },
        wire: { threshold_ms: 1500, percentile_target: 95 },
    },
    volume_drop: { declared: { threshold: 50 }, wire: { threshold: 50 } },
    dlq: { declared: { threshold: 5 }, wire: { threshold: 5 } },
    issue_opened: { declared: {}, wire: {} },
} satisfies Record<string, { declared: Bag; wire: Record<string, unknown> }>;
type RuleKey = keyof typeof rules;
const responseShapes = ["reference", "docs"] as const;

interface TakeoverRow {
    /** How the answer to the stored POST is lost. */
    fault: "lose-response" | "malformed" | "empty";
    rule: RuleKey;
}

/** Each of these stores the rule and loses the answer; every rule type appears once with a reset. */
const takeovers: TakeoverRow[] = [
    ...(Object.keys(rules) as RuleKey[]).map((rule): TakeoverRow => ({ fault: "lose-response", rule })),
    { fault: "malformed", rule: "latency" },
    { fault: "empty", rule: "failure_rate" },
];

describe("an alert-rule create whose answer is lost, through the dynamic-provider host", function () {
    this.timeout(30_000);
    let emulator: Emulator;
    let host: ProviderHost;
    let channelIds: string[];

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: project } });
        host = await ProviderHost.start(await serializedRuleProvider());
        await host.configure({ "hookstream:apiKey": apiKey, "hookstream:baseUrl": emulator.url });
    });

    after(async function () {
        await host?.stop();
        await emulator?.close();
    });

    beforeEach(function () {
        emulator.reset();
        emulator.shape = "reference";
        channelIds = ["ops", "oncall"].map(
            (name) =>
                emulator.createChannel(project, {
                    name,
                    channel_type: "email",
                    config: { recipients: [`${name}@example.com`] },
                }).id,
        );
        emulator.resetRequests();
    });

    /** The rule a program declares. */
    const declared = (key: RuleKey): Bag => ({
        ruleType: key,
        ruleConfig: rules[key].declared,
        name: `lost-${key}`,
        channelIds: [...channelIds].reverse(),
    });
    /** What the emulator stores for a declared rule, as if someone created the same thing in the dashboard. */
    const seedOf = (key: RuleKey, overrides: Partial<AlertRuleInput> = {}): AlertRuleInput => ({
        name: `lost-${key}`,
        rule_type: key,
        rule_config: rules[key].wire,
        channel_ids: channelIds,
        ...overrides,
    });

    async function checked(bag: Bag): Promise<Bag> {
        const { inputs, failures } = await host.check(bag);
        assert.deepEqual(failures, []);
        return inputs;
    }

    async function createFails(inputs: Bag): Promise<Error> {
        return host.create(inputs).then(
            () => assert.fail("create should have failed"),
            (error: Error) => error,
        );
    }

    const calls = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    const posts = () => emulator.requests.filter((r) => r.method === "POST").length;
    /** The name the POST of these checked inputs carries. */
    const markedFor = (inputs: Bag) => markedName(String(inputs.name), parseCreateToken(inputs.__createToken)!.nonce);

    for (const [row, shape] of takeovers.flatMap((r) => responseShapes.map((shape) => [r, shape] as const))) {
        it(`takes over the ${row.rule} rule it stored when the answer is lost (${row.fault}, ${shape} shape)`, async function () {
            emulator.shape = shape;
            const inputs = await checked(declared(row.rule));
            emulator.inject({ method: "POST", action: { type: row.fault } });
            const created = await host.create(inputs);
            const stored = emulator.alertRules(project);
            assert.equal(stored.length, 1);
            assert.equal(created.id, stored[0]!.id);
            assert.equal(stored[0]!.name, `lost-${row.rule}`);
            assert.equal(created.outputs.name, `lost-${row.rule}`);
            assert.deepEqual(created.outputs.ruleConfig, rules[row.rule].declared);
            assert.deepEqual(created.outputs.channelIds, inputs.channelIds, "the declared order is kept");
            assert.equal(typeof created.outputs.createdAt, "string");
            assert.deepEqual(calls(), [
                `POST /v1/alert-rules ${row.fault === "lose-response" ? 0 : 200}`,
                "GET /v1/alert-rules 200",
                `PATCH /v1/alert-rules/${created.id} 200`,
            ]);
            assert.equal((emulator.requests[0]!.body as Bag).name, markedFor(inputs));
            assert.deepEqual(emulator.requests[2]!.body, { name: `lost-${row.rule}` });
        });
    }

    it("takes over a rule created disabled, then names and disables it in one PATCH, when the POST's answer is lost", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked({ ...declared("dlq"), enabled: false }));
        const stored = emulator.alertRules(project);
        assert.deepEqual(
            stored.map((r) => [r.id, r.name, r.enabled]),
            [[created.id, "lost-dlq", false]],
        );
        assert.deepEqual(calls(), [
            "POST /v1/alert-rules 0",
            "GET /v1/alert-rules 200",
            `PATCH /v1/alert-rules/${created.id} 200`,
        ]);
        assert.deepEqual(emulator.requests[2]!.body, { name: "lost-dlq", enabled: false });
    });

    it("finds its rule when the project holds more than a page of rules", async function () {
        for (let i = 0; i < 150; i++) emulator.createAlertRule(project, seedOf("dlq", { name: `other-${i}` }));
        emulator.resetRequests();
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(declared("latency")));
        const mine = emulator.alertRules(project).filter((r) => r.name === "lost-latency");
        assert.deepEqual(
            mine.map((r) => r.id),
            [created.id],
        );
        assert.equal(emulator.alertRules(project).length, 151);
        assert.equal(posts(), 1);
    });

    it("does not take over a rule of the same name that differs from what was sent", async function () {
        const other = emulator.createAlertRule(project, seedOf("dlq", { rule_config: { threshold: 6 } }));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(declared("dlq")));
        assert.notEqual(created.id, other.id);
        assert.equal(emulator.alertRules(project).length, 2);
        assert.deepEqual(emulator.alertRules(project).find((r) => r.id === other.id)?.rule_config, { threshold: 6 });
    });

    it("takes neither of two identical rules made before when the POST was dropped, and stores nothing", async function () {
        const first = emulator.createAlertRule(project, seedOf("failure_rate"));
        const second = emulator.createAlertRule(project, seedOf("failure_rate"));
        emulator.inject({ method: "POST", action: { type: "drop" } });
        const inputs = await checked(declared("failure_rate"));
        const error = await createFails(inputs);
        assert.match(error.message, /^hookstream POST \/v1\/alert-rules failed: /);
        assert.equal((error as Error & { initFailure?: unknown }).initFailure, undefined, "neither id goes in state");
        assert.equal(error.message.includes(apiKey), false);
        assert.deepEqual(
            emulator.alertRules(project).map((r) => [r.id, r.name]),
            [
                [first.id, "lost-failure_rate"],
                [second.id, "lost-failure_rate"],
            ],
            "nothing created, nothing changed",
        );
        assert.equal(posts(), 1);
        assert.deepEqual(calls(), ["POST /v1/alert-rules 0", "GET /v1/alert-rules 200"]);

        // The next run creates its own, beside the two look-alikes.
        const again = await host.create(inputs);
        assert.equal(emulator.alertRules(project).length, 3);
        assert.ok(![first.id, second.id].includes(again.id));
    });

    it("takes the rule it stored, not an identical one that existed before, when the answer is lost", async function () {
        const existing = emulator.createAlertRule(project, seedOf("volume_drop"));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(declared("volume_drop")));
        const stored = emulator.alertRules(project);
        assert.equal(stored.length, 2);
        assert.notEqual(created.id, existing.id);
        assert.equal(stored.find((r) => r.id === created.id)?.name, "lost-volume_drop");
        assert.equal(
            emulator.requests.some((r) => r.path.endsWith(existing.id)),
            false,
            "the look-alike is neither read nor changed",
        );
        assert.equal(posts(), 1);
    });

    it("does not take the marked rule of another create in flight", async function () {
        const elsewhere = emulator.createAlertRule(
            project,
            seedOf("dlq", { name: markedName("lost-dlq", "fedcba9876543210") }),
        );
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(declared("dlq")));
        assert.notEqual(created.id, elsewhere.id);
        assert.equal(
            emulator.alertRules(project).find((r) => r.id === elsewhere.id)?.name,
            markedName("lost-dlq", "fedcba9876543210"),
        );
    });

    it("lists every page and takes only its marked rule when a look-alike is on another page", async function () {
        const older = emulator.createAlertRule(project, seedOf("issue_opened"));
        for (let i = 0; i < 150; i++) emulator.createAlertRule(project, seedOf("dlq", { name: `filler-${i}` }));
        emulator.resetRequests();
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(declared("issue_opened")));
        assert.notEqual(created.id, older.id);
        const named = emulator.alertRules(project).filter((r) => r.name === "lost-issue_opened");
        assert.deepEqual(named.map((r) => r.id).sort(), [older.id, created.id].sort());
        assert.deepEqual(
            emulator.requests.filter((r) => r.method === "GET").map((r) => r.query.cursor !== undefined),
            [false, true],
        );
    });

    it("keeps a rule found by its marker in state, marked, when the finishing PATCH fails", async function () {
        const inputs = await checked(declared("latency"));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({ method: "PATCH", action: { type: "status", status: 400 } });
        const error = (await createFails(inputs)) as Error & { initFailure?: { id: string; properties: Bag } };
        const [stored] = emulator.alertRules(project);
        assert.equal(error.initFailure?.id, stored?.id);
        assert.equal(error.initFailure?.properties.name, markedFor(inputs));
        assert.equal(stored?.name, markedFor(inputs));
        assert.match(error.message, /was created, but finishing it \(name\) failed/);
    });

    it("fails, stores nothing, and lets the next run create exactly one when the POST was dropped", async function () {
        const inputs = await checked(declared("latency"));
        emulator.inject({ method: "POST", action: { type: "drop" } });
        const error = await createFails(inputs);
        assert.match(error.message, /^hookstream POST \/v1\/alert-rules failed: /);
        assert.equal((error as Error & { initFailure?: unknown }).initFailure, undefined, "no id to keep in state");
        assert.deepEqual(emulator.alertRules(project), []);
        assert.deepEqual(calls(), ["POST /v1/alert-rules 0", "GET /v1/alert-rules 200"]);

        const again = await host.create(inputs);
        assert.deepEqual(
            emulator.alertRules(project).map((r) => [r.id, r.name]),
            [[again.id, "lost-latency"]],
        );
    });

    it("says the rule may exist, and the marked name to look for, when looking for it fails too", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({
            method: "GET",
            action: {
                type: "status",
                status: 403,
                body: { error: "Forbidden", status: 403, request_id: "req_rulelookup" },
            },
        });
        const inputs = await checked(declared("dlq"));
        const error = await createFails(inputs);
        assert.match(error.message, /the alert rule may have been created, and looking for it failed too/);
        assert.match(
            error.message,
            /GET \/v1\/alert-rules\S* failed with 403: Forbidden \(request id req_rulelookup\)/,
        );
        assert.ok(error.message.includes(`the alert rule named "${markedFor(inputs)}"`), error.message);
        assert.equal(error.message.includes(apiKey), false);
        assert.deepEqual(
            emulator.alertRules(project).map((r) => r.name),
            [markedFor(inputs)],
        );
    });
});
