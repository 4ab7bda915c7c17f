import assert from "node:assert/strict";
import { Agent } from "undici";
import { startEmulator, type Emulator, type FaultAction } from "../../emulator";
import { Transport } from "../../provider/core/transport";
import { isHookstreamError } from "../../provider/core/errors";
import { createRule, getRule, listRules, updateRule } from "../../provider/alert-rule/endpoints";
import { ProviderHost, type Bag, type InitFailure } from "../support/provider-host";
import { serializedRuleProvider } from "./alert-rule-provider-text";

/**
 * The AlertRule fault matrix: every operation the engine asks of an AlertRule, against every way hookstream (or the
 * network in between) can fail, through the real dynamic-provider host. After each row the operation is run again as
 * a second `pulumi up` would, and the simulated Pulumi state is compared with what the emulator holds: no duplicate
 * rule, no orphan, no state entry without a rule, each rule as declared. Every error message names the status and
 * hookstream's request id when there was one, and never holds the API key.
 */

const apiKey = "hs_test_" + "e".repeat(64);
const project = "rule-faults";

type Op = "create" | "create-disabled" | "read" | "update" | "delete";
type Expect = "retried-ok" | "error" | "gone";

interface FaultRow {
    /** `create-disabled` is POST then the finishing PATCH (declared name, `enabled: false`); its fault hits the PATCH. */
    op: Op;
    fault: FaultName;
    /** `retried-ok`: the operation succeeds in this run; `gone`: it reports the rule deleted. */
    expect: Expect;
    errorMatches?: RegExp;
    /** How many times the faulted request (method and path) is sent in the first run. */
    sends: number;
}

interface Fault {
    /** A fault injected on the operation's request, given the request id its error body carries. */
    action?: (requestId: string) => FaultAction;
    /** Instead of injecting, delete the rule out of band: hookstream then answers a genuine 404. */
    deletedOutOfBand?: true;
}

const statusFault =
    (status: number, error: string, headers?: Record<string, string>) =>
    (requestId: string): FaultAction => ({
        type: "status",
        status,
        body: { error, status, request_id: requestId },
        headers,
    });

const faults = {
    "429 with Retry-After": {
        action: statusFault(429, "Rate limit exceeded", {
            "Retry-After": "1",
            "RateLimit-Limit": "50",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": "3",
        }),
    },
    "429 with RateLimit-Reset only": {
        action: statusFault(429, "Rate limit exceeded", {
            "RateLimit-Limit": "50",
            "RateLimit-Remaining": "0",
            "RateLimit-Reset": "1",
        }),
    },
    "429 with neither header": { action: statusFault(429, "Rate limit exceeded") },
    "500": { action: statusFault(500, "Internal server error") },
    "502": { action: statusFault(502, "Bad gateway") },
    "503": { action: statusFault(503, "Service unavailable") },
    "504": { action: statusFault(504, "Gateway timeout") },
    "connection reset before the change": { action: () => ({ type: "drop" }) },
    "response lost after the change": { action: () => ({ type: "lose-response" }) },
    "300 ms latency": { action: () => ({ type: "latency", ms: 300 }) },
    "malformed JSON after the change": { action: () => ({ type: "malformed" }) },
    "empty body after the change": { action: () => ({ type: "empty" }) },
    // hookstream has no reason to echo the key, but if it does, the message must not carry it.
    "401 echoing the API key": { action: statusFault(401, `Invalid API key ${apiKey}`) },
    "403": { action: statusFault(403, "Forbidden: plan limit reached") },
    "404": { action: statusFault(404, "Not found") },
    "404 (deleted out of band)": { deletedOutOfBand: true },
    "400": { action: statusFault(400, "Invalid body: 'rule_config.threshold' must be a number") },
} satisfies Record<string, Fault>;
type FaultName = keyof typeof faults;

const rateLimited = (op: Op): FaultRow[] =>
    (["429 with Retry-After", "429 with RateLimit-Reset only", "429 with neither header"] as const).map((fault) => ({
        op,
        fault,
        expect: "retried-ok",
        sends: 2,
    }));
const rejected = (op: Op): FaultRow[] => [
    {
        op,
        fault: "401 echoing the API key",
        expect: "error",
        errorMatches: /failed with 401.*The API key was refused/,
        sends: 1,
    },
    { op, fault: "403", expect: "error", errorMatches: /failed with 403: Forbidden: plan limit reached/, sends: 1 },
];
const serverErrorsRetried = (op: Op): FaultRow[] =>
    (["500", "502", "503", "504"] as const).map((fault) => ({ op, fault, expect: "retried-ok", sends: 2 }));
/** GET and PATCH answers that cannot be read: asked for again, as both are idempotent (retry-policy.ts). */
const unreadable = (op: "read" | "update"): FaultRow[] => [
    { op, fault: "malformed JSON after the change", expect: "retried-ok", sends: 2 },
    { op, fault: "empty body after the change", expect: "retried-ok", sends: 2 },
];
const retriedAfterNetworkFaults = (op: Op): FaultRow[] => [
    { op, fault: "connection reset before the change", expect: "retried-ok", sends: 2 },
    { op, fault: "response lost after the change", expect: "retried-ok", sends: 2 },
    { op, fault: "300 ms latency", expect: "retried-ok", sends: 1 },
];

const matrix: FaultRow[] = [
    // POST is not idempotent: only a 429 is sent again. Any other failure is ambiguous, so the provider looks for the
    // rule: it takes over one it finds, and otherwise fails without retrying.
    ...rateLimited("create"),
    ...(["500", "502", "503", "504"] as const).map((fault): FaultRow => ({
        op: "create",
        fault,
        expect: "error",
        errorMatches: new RegExp(`POST /v1/alert-rules failed with ${fault}`),
        sends: 1,
    })),
    {
        op: "create",
        fault: "connection reset before the change",
        expect: "error",
        errorMatches: /POST \/v1\/alert-rules failed: /,
        sends: 1,
    },
    { op: "create", fault: "response lost after the change", expect: "retried-ok", sends: 1 },
    { op: "create", fault: "300 ms latency", expect: "retried-ok", sends: 1 },
    { op: "create", fault: "malformed JSON after the change", expect: "retried-ok", sends: 1 },
    { op: "create", fault: "empty body after the change", expect: "retried-ok", sends: 1 },
    ...rejected("create"),
    { op: "create", fault: "404", expect: "error", errorMatches: /failed with 404: Not found/, sends: 1 },
    { op: "create", fault: "400", expect: "error", errorMatches: /failed with 400: Invalid body/, sends: 1 },

    // The PATCH that finishes a just-created rule: a failure there keeps the rule in state (init failure).
    { op: "create-disabled", fault: "503", expect: "retried-ok", sends: 2 },
    { op: "create-disabled", fault: "response lost after the change", expect: "retried-ok", sends: 2 },
    {
        op: "create-disabled",
        fault: "403",
        expect: "error",
        errorMatches: /alert rule \S+ was created, but finishing it \(name, enabled\) failed: .*failed with 403/,
        sends: 1,
    },

    ...rateLimited("read"),
    ...serverErrorsRetried("read"),
    ...retriedAfterNetworkFaults("read"),
    ...unreadable("read"),
    ...rejected("read"),
    { op: "read", fault: "404 (deleted out of band)", expect: "gone", sends: 1 },

    ...rateLimited("update"),
    ...serverErrorsRetried("update"),
    ...retriedAfterNetworkFaults("update"),
    ...unreadable("update"),
    ...rejected("update"),
    {
        op: "update",
        fault: "404 (deleted out of band)",
        expect: "error",
        errorMatches: /failed with 404: Alert rule not found.*request id.*deleted outside Pulumi.*pulumi refresh/,
        sends: 1,
    },
    { op: "update", fault: "400", expect: "error", errorMatches: /failed with 400/, sends: 1 },

    ...rateLimited("delete"),
    ...serverErrorsRetried("delete"),
    { op: "delete", fault: "connection reset before the change", expect: "retried-ok", sends: 2 },
    // The repeated DELETE gets a 404, which means done.
    { op: "delete", fault: "response lost after the change", expect: "retried-ok", sends: 2 },
    { op: "delete", fault: "300 ms latency", expect: "retried-ok", sends: 1 },
    { op: "delete", fault: "malformed JSON after the change", expect: "retried-ok", sends: 1 },
    { op: "delete", fault: "empty body after the change", expect: "retried-ok", sends: 1 },
    ...rejected("delete"),
    { op: "delete", fault: "404 (deleted out of band)", expect: "gone", sends: 1 },
];

const rulesPath = /^\/v1\/alert-rules$/;
const onePath = (id: string) => new RegExp(`^/v1/alert-rules/${id}$`);
const anyOnePath = /^\/v1\/alert-rules\/[^/]+$/;

/** Per rule type, a first and a second config (the update), both valid. */
const configs: Array<[string, Bag, Bag]> = [
    ["failure_rate", { threshold: 0.1 }, { threshold: 0.25 }],
    ["latency", { thresholdMs: 2000 }, { thresholdMs: 3000, percentileTarget: 99 }],
    ["volume_drop", { threshold: 50 }, { threshold: 20 }],
    ["dlq", { threshold: 5 }, { threshold: 0 }],
    ["issue_opened", {}, {}],
];

describe("AlertRule under faults, through the dynamic-provider host (fault matrix)", function () {
    this.timeout(30_000);
    let emulator: Emulator;
    let host: ProviderHost;
    let channels: [string, string];
    /** What Pulumi would hold: rule id → outputs. */
    const state = new Map<string, Bag>();
    const errorMessages: string[] = [];
    const totals = { cases: matrix.length, passed: 0, duplicates: 0, orphans: 0, leaks: 0 };

    /** One declared rule per row; rows rotate through the rule types. The update changes every mutable field. */
    function declare(name: string, row: number, version: 1 | 2 = 1): Bag {
        const [ruleType, first, second] = configs[row % configs.length]!;
        const suffix = version === 1 ? "" : "-v2";
        return {
            ruleType,
            ruleConfig: version === 1 ? first : second,
            name: name + suffix,
            description: `fault row ${row}${suffix}`,
            channelIds: version === 1 ? [channels[0]] : [channels[1], channels[0]],
            cooldownMinutes: version === 1 ? 60 : 15,
        };
    }

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: project } });
        const ops = emulator.createChannel(project, {
            name: "ops",
            channel_type: "email",
            config: { recipients: ["ops@example.com"] },
        });
        const oncall = emulator.createChannel(project, {
            name: "oncall",
            channel_type: "email",
            config: { recipients: ["oncall@example.com"] },
        });
        channels = [ops.id, oncall.id];
        host = await ProviderHost.start(await serializedRuleProvider());
        await host.configure({ "hookstream:apiKey": apiKey, "hookstream:baseUrl": emulator.url });
    });

    after(async function () {
        console.log(
            `      alert-rule fault matrix: ${totals.cases} cases, ${totals.passed} passed, ` +
                `${totals.duplicates} duplicates, ${totals.orphans} orphans, ${totals.leaks} leaks`,
        );
        await host?.stop();
        await emulator?.close();
    });

    async function checked(bag: Bag): Promise<Bag> {
        const { inputs, failures } = await host.check(bag);
        assert.deepEqual(failures, []);
        return inputs;
    }

    type Outcome =
        | { kind: "ok"; id?: string }
        | { kind: "gone" }
        | { kind: "error"; error: Error & { initFailure?: InitFailure } };

    /** Runs one operation and records its effect on the simulated state. */
    async function run(op: Op, id: string | undefined, inputs: Bag, news: Bag): Promise<Outcome> {
        try {
            switch (op) {
                case "create":
                case "create-disabled": {
                    const created = await host.create(inputs);
                    state.set(created.id, created.outputs);
                    return { kind: "ok", id: created.id };
                }
                case "read": {
                    const read = await host.read(id!, state.get(id!)!);
                    if (read.id === "") {
                        state.delete(id!);
                        return { kind: "gone" };
                    }
                    state.set(read.id, read.outputs);
                    return { kind: "ok" };
                }
                case "update":
                    state.set(id!, await host.update(id!, state.get(id!)!, news));
                    return { kind: "ok" };
                case "delete":
                    await host.delete(id!, state.get(id!)!);
                    state.delete(id!);
                    return { kind: "ok" };
            }
        } catch (caught) {
            const error = caught as Error & { initFailure?: InitFailure };
            errorMessages.push(error.message);
            // ErrorResourceInitFailed: the engine keeps the id and the properties in state.
            if (error.initFailure) state.set(error.initFailure.id, error.initFailure.properties);
            return { kind: "error", error };
        }
    }

    /** Does again what failed, as the next `pulumi up` (after a `pulumi refresh` where one is needed) would. */
    async function rerun(op: Op, id: string | undefined, inputs: Bag, news: Bag, outcome: Outcome): Promise<void> {
        const initFailure = outcome.kind === "error" ? outcome.error.initFailure : undefined;
        if (initFailure) {
            const diff = await host.diff(initFailure.id, initFailure.properties, inputs);
            assert.equal(diff.changes, "some", "the next diff sees the rule still enabled and its name still marked");
            state.set(initFailure.id, await host.update(initFailure.id, initFailure.properties, inputs));
            return;
        }
        if (op === "update" && !emulator.alertRules(project).some((rule) => rule.id === id)) {
            assert.equal((await run("read", id, inputs, news)).kind, "gone");
            const again = await run("create", undefined, news, news);
            assert.equal(again.kind, "ok", again.kind === "error" ? again.error.message : "");
            return;
        }
        const again = await run(op, id, inputs, news);
        assert.notEqual(again.kind, "error", again.kind === "error" ? again.error.message : "");
    }

    /** The rule as the emulator holds it, in the provider's terms, for comparison with what was declared. */
    function heldAs(name: string) {
        return emulator
            .alertRules(project)
            .filter((rule) => rule.name.startsWith(name))
            .map((rule) => ({
                name: rule.name,
                description: rule.description,
                channelIds: [...rule.channel_ids].sort(),
                cooldownMinutes: rule.cooldown_minutes,
                enabled: rule.enabled,
            }));
    }
    const expectedHeld = (declared: Bag, enabled = true) => ({
        name: declared.name,
        description: declared.description,
        channelIds: [...(declared.channelIds as string[])].sort(),
        cooldownMinutes: declared.cooldownMinutes,
        enabled,
    });

    matrix.forEach((row, index) => {
        const fault: Fault = faults[row.fault];
        const verdict = { "retried-ok": "succeeds", error: "fails", gone: "reports the rule gone" }[row.expect];
        it(`${row.op} under ${row.fault} ${verdict}${row.expect === "error" ? ", and a re-run repairs it" : ""}`, async function () {
            const name = `ar${String(index).padStart(2, "0")}-${row.op}-${row.fault.replace(/\W+/g, "-")}`;
            const requestId = `req_rulefault${String(index).padStart(6, "0")}`;
            const declared = declare(name, index);
            const inputs = await checked({ ...declared, ...(row.op === "create-disabled" ? { enabled: false } : {}) });
            const news = await checked(declare(name, index, 2));

            let id: string | undefined;
            if (row.op === "read" || row.op === "update" || row.op === "delete") {
                const created = await host.create(inputs);
                id = created.id;
                state.set(id, created.outputs);
            }
            emulator.resetRequests();
            const method = {
                create: "POST",
                "create-disabled": "PATCH",
                read: "GET",
                update: "PATCH",
                delete: "DELETE",
            }[row.op];
            const path = row.op === "create" ? rulesPath : row.op === "create-disabled" ? anyOnePath : onePath(id!);
            if (fault.deletedOutOfBand) emulator.removeAlertRule(id!);
            else emulator.inject({ method, path, action: fault.action!(requestId) });

            const outcome = await run(row.op, id, inputs, news);
            const sent = emulator.requests.filter((r) => r.method === method && path.test(r.path));

            // The first run. A delete reports nothing back: "gone" is a success after a 404.
            const expectedKind =
                row.expect === "retried-ok" || (row.op === "delete" && row.expect === "gone") ? "ok" : row.expect;
            assert.equal(outcome.kind, expectedKind, outcome.kind === "error" ? outcome.error.message : "");
            assert.equal(sent.length, row.sends, `${method} sent ${sent.length} times`);
            if (row.fault.startsWith("401")) assert.equal(emulator.requests.length, 1, "a 401 is never retried");
            if (row.op === "create" && outcome.kind === "ok") {
                assert.equal(emulator.alertRules(project).find((r) => r.id === outcome.id)?.name, name);
            }

            // Repaired before the message is judged, so that a wrong message fails this row alone.
            if (outcome.kind === "error") await rerun(row.op, id, inputs, news, outcome);

            if (outcome.kind === "error") {
                const { message } = outcome.error;
                if (row.errorMatches) assert.match(message, row.errorMatches);
                const answered = sent.at(-1)?.status ?? 0;
                if (answered >= 400) assert.match(message, new RegExp(`\\b${answered}\\b`), "names the status");
                if (fault.action?.(requestId).type === "status") assert.ok(message.includes(requestId), message);
                if (fault.deletedOutOfBand) assert.match(message, /request id req_[0-9a-f]+/);
            }
            // After the re-run: state and API agree on this row's rules, which are as declared.
            const mine = emulator.alertRules(project).filter((rule) => rule.name.startsWith(name));
            const names = mine.map((rule) => rule.name);
            const duplicates = names.length - new Set(names).size;
            const orphans = mine.filter((rule) => !state.has(rule.id)).length;
            const dangling = [...state.entries()]
                .filter(([, outputs]) => String(outputs.name).startsWith(name))
                .map(([stateId]) => stateId)
                .filter((stateId) => !emulator.alertRules(project).some((rule) => rule.id === stateId));
            totals.duplicates += duplicates;
            totals.orphans += orphans;
            assert.equal(duplicates, 0, "duplicate rules");
            assert.equal(orphans, 0, "rules not in state");
            assert.deepEqual(dangling, [], "state entries without a rule");
            if (row.op === "delete") assert.deepEqual(mine, []);
            else if (row.op === "update") assert.deepEqual(heldAs(name), [expectedHeld(news)]);
            else if (row.op === "create-disabled") assert.deepEqual(heldAs(name), [expectedHeld(declared, false)]);
            else if (row.op === "create") assert.deepEqual(heldAs(name), [expectedHeld(declared)]);
            if (row.expect === "gone") assert.equal(state.has(id!), false);
            if (row.expect === "gone") assert.equal(sent.at(-1)?.status, 404);
            totals.passed += 1;
        });
    });

    it("puts no API key in any error message or in the host's log", function () {
        const failing = matrix.filter((row) => row.expect === "error").length;
        assert.equal(errorMessages.length, failing, "one error per failing row, none from a re-run");
        const leaks = [...errorMessages, host.stderr()].filter((text) => text.includes(apiKey));
        totals.leaks = leaks.length;
        assert.deepEqual(leaks, []);
    });

    it("ends with state and API in agreement: every rule in state, every state entry a rule", function () {
        const stored = emulator.alertRules(project).map((rule) => rule.id);
        assert.deepEqual([...stored].sort(), [...state.keys()].sort());
        assert.deepEqual(emulator.danglingReferences(), [], "no rule ever listed a missing channel");
    });
});

/**
 * Timeouts: the dynamic host's client waits 30 s for response headers, too long for a test, so the rule endpoints
 * run on a transport with a 200 ms dispatcher. undici runs header timeouts on its coarse timers (about 1 s apart),
 * so the injected latency is 2 s.
 */
describe("alert-rule endpoints under timeouts", function () {
    let emulator: Emulator;
    let agent: Agent;
    let channelId: string;
    const shortWait = () => new Transport({ baseUrl: emulator.url, apiKey, dispatcher: agent });
    const body = (name: string) => ({
        name,
        rule_type: "dlq",
        rule_config: { threshold: 3 },
        channel_ids: [channelId],
        cooldown_minutes: 60,
    });

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: "rule-timeouts" } });
        agent = new Agent({ headersTimeout: 200, bodyTimeout: 200 });
        channelId = emulator.createChannel("rule-timeouts", {
            name: "ops",
            channel_type: "email",
            config: { recipients: ["ops@example.com"] },
        }).id;
    });

    after(async function () {
        await agent?.close();
        await emulator?.close();
    });

    beforeEach(function () {
        emulator.resetRequests();
    });

    for (const method of ["GET", "PATCH"] as const) {
        it(`retries a ${method} that outlived the per-request timeout, and succeeds`, async function () {
            const { id } = emulator.createAlertRule("rule-timeouts", body(`timeout-${method}`));
            emulator.resetRequests();
            emulator.inject({ method, action: { type: "latency", ms: 2_000 } });
            const api = shortWait();
            const rule = method === "GET" ? await getRule(api, id) : await updateRule(api, id, { cooldown_minutes: 5 });
            assert.equal(rule.id, id);
            assert.equal(emulator.requests.filter((r) => r.method === method).length, 2);
            emulator.removeAlertRule(id);
        });
    }

    it("does not repeat a POST that outlived the per-request timeout, and says it timed out", async function () {
        emulator.inject({ method: "POST", action: { type: "latency", ms: 2_000 } });
        const error = await createRule(shortWait(), body("timeout-post")).then(
            () => assert.fail("create should time out"),
            (e: Error) => e,
        );
        assert.ok(isHookstreamError(error, "HOOKSTREAM_TIMEOUT"), error.message);
        assert.match(error.message, /^hookstream POST \/v1\/alert-rules timed out/);
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 1);
        assert.equal(error.message.includes(apiKey), false);
        // The emulator finishes the POST once its latency is over: the lost create of alert-rule-lost-create.test.ts.
        while (emulator.requests[0]?.status === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(emulator.alertRules("rule-timeouts").length, 1);
        emulator.removeAlertRule(emulator.alertRules("rule-timeouts")[0]!.id);
    });

    it("gives up listing when the operation budget runs out, naming the budget", async function () {
        emulator.inject({ method: "GET", action: { type: "latency", ms: 1_500 } });
        const api = new Transport({ baseUrl: emulator.url, apiKey, operationTimeoutMs: 300 });
        const error = await listRules(api).then(
            () => assert.fail("list should time out"),
            (e: Error) => e,
        );
        assert.ok(isHookstreamError(error, "HOOKSTREAM_TIMEOUT"), error.message);
        assert.match(error.message, /^hookstream GET \/v1\/alert-rules\S* timed out after 300 ms/);
        assert.equal(emulator.requests.length, 1);
    });
});
