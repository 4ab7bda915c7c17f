import assert from "node:assert/strict";
import { startEmulator, type AlertRuleInput, type Emulator } from "../../emulator";
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedRuleProvider } from "./alert-rule-provider-text";

/**
 * A POST whose answer never arrives (docs/hookstream-api.md §4.3: creation is not idempotent). The provider must not
 * send it again; it lists the project's alert rules and takes over the one it just made (same name, type, config,
 * channels and cooldown), fails naming every candidate when more than one matches, and fails plainly when nothing was
 * stored, so that the next `pulumi up` creates exactly one.
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

    for (const [row, shape] of takeovers.flatMap((r) => responseShapes.map((shape) => [r, shape] as const))) {
        it(`takes over the ${row.rule} rule it stored when the answer is lost (${row.fault}, ${shape} shape)`, async function () {
            emulator.shape = shape;
            const inputs = await checked(declared(row.rule));
            emulator.inject({ method: "POST", action: { type: row.fault } });
            const created = await host.create(inputs);
            const stored = emulator.alertRules(project);
            assert.equal(stored.length, 1);
            assert.equal(created.id, stored[0]!.id);
            assert.equal(created.outputs.name, `lost-${row.rule}`);
            assert.deepEqual(created.outputs.ruleConfig, rules[row.rule].declared);
            assert.deepEqual(created.outputs.channelIds, inputs.channelIds, "the declared order is kept");
            assert.equal(typeof created.outputs.createdAt, "string");
            assert.deepEqual(calls(), [
                `POST /v1/alert-rules ${row.fault === "lose-response" ? 0 : 200}`,
                "GET /v1/alert-rules 200",
            ]);
        });
    }

    it("takes over a rule created disabled, then disables it, when the POST's answer is lost", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked({ ...declared("dlq"), enabled: false }));
        const stored = emulator.alertRules(project);
        assert.deepEqual(
            stored.map((r) => [r.id, r.enabled]),
            [[created.id, false]],
        );
        assert.deepEqual(calls(), [
            "POST /v1/alert-rules 0",
            "GET /v1/alert-rules 200",
            `PATCH /v1/alert-rules/${created.id} 200`,
        ]);
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

    it("names both ids when two identical rules already exist and the POST was dropped", async function () {
        const first = emulator.createAlertRule(project, seedOf("failure_rate"));
        const second = emulator.createAlertRule(project, seedOf("failure_rate"));
        emulator.inject({ method: "POST", action: { type: "drop" } });
        const error = await createFails(await checked(declared("failure_rate")));
        assert.match(error.message, /2 alert rules named "lost-failure_rate" match what was sent/);
        assert.ok(error.message.includes(first.id) && error.message.includes(second.id), error.message);
        assert.match(error.message, /adopt/);
        assert.equal(error.message.includes(apiKey), false);
        assert.equal(emulator.alertRules(project).length, 2, "nothing created, nothing deleted");
        assert.equal(posts(), 1);
    });

    it("names both ids when an identical rule existed and the POST stored a second, then adopts one", async function () {
        const existing = emulator.createAlertRule(project, seedOf("volume_drop"));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const error = await createFails(await checked(declared("volume_drop")));
        const stored = emulator.alertRules(project);
        assert.equal(stored.length, 2);
        const lost = stored.find((r) => r.id !== existing.id)!;
        assert.ok(error.message.includes(existing.id) && error.message.includes(lost.id), error.message);
        assert.equal((error as Error & { initFailure?: unknown }).initFailure, undefined, "neither id goes in state");

        // The way out the message names: adopt one of them; no further rule is created.
        emulator.resetRequests();
        const adopted = await host.create(await checked({ ...declared("volume_drop"), adopt: lost.id }));
        assert.equal(adopted.id, lost.id);
        assert.equal(emulator.alertRules(project).length, 2);
        assert.equal(posts(), 0);
    });

    it("finds an identical rule on the second page of the list", async function () {
        const older = emulator.createAlertRule(project, seedOf("issue_opened"));
        for (let i = 0; i < 150; i++) emulator.createAlertRule(project, seedOf("dlq", { name: `filler-${i}` }));
        emulator.resetRequests();
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const error = await createFails(await checked(declared("issue_opened")));
        const lost = emulator.alertRules(project).find((r) => r.name === "lost-issue_opened" && r.id !== older.id)!;
        assert.ok(error.message.includes(older.id) && error.message.includes(lost.id), error.message);
        assert.deepEqual(
            emulator.requests.filter((r) => r.method === "GET").map((r) => r.query.cursor !== undefined),
            [false, true],
        );
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
            emulator.alertRules(project).map((r) => r.id),
            [again.id],
        );
    });

    it("says the rule may exist, and its name, when looking for it fails too", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({
            method: "GET",
            action: {
                type: "status",
                status: 403,
                body: { error: "Forbidden", status: 403, request_id: "req_rulelookup" },
            },
        });
        const error = await createFails(await checked(declared("dlq")));
        assert.match(error.message, /the alert rule may have been created, and looking for it failed too/);
        assert.match(
            error.message,
            /GET \/v1\/alert-rules\S* failed with 403: Forbidden \(request id req_rulelookup\)/,
        );
        assert.match(error.message, /Look for a rule named "lost-dlq"/);
        assert.equal(error.message.includes(apiKey), false);
        assert.equal(emulator.alertRules(project).length, 1);
    });
});
