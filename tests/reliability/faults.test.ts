import assert from "node:assert/strict";
import { Agent } from "undici";
import type { FaultAction } from "../../emulator";
import { isHookstreamError } from "../../provider/core/errors";
import { Transport } from "../../provider/core/transport";
import type { Bag } from "../support/provider-host";
import { hostTitles, type HostError, type ResourceHost } from "../support/resource-host";
import type { FaultTable } from "./kinds/fault-table";
import type { HostServer } from "./kinds/host-table";
import { hostsOf, startTableHost } from "./kinds/start-table-host";
import { faultTables } from "./kinds/tables";

/**
 * The fault matrix, for every registered kind and the test-only widget: every operation the engine asks of a resource, against every way
 * hookstream (or the network in between) can fail, through each host the kind runs in: the real dynamic-provider
 * host and the native plugin (tests/reliability/kinds/start-table-host.ts). After each row the
 * operation is run again as a second `pulumi up` would, and the simulated Pulumi state is compared with what the
 * emulator holds: no duplicate, no orphan, no state entry without an object, each object as declared. Every error
 * message must name the status and hookstream's request id when there was one, and must not contain a credential.
 * What differs per kind is data in tests/reliability/kinds/; a message reads the same through both hosts, as the
 * engine receives it (the status message, and the init failure in its details).
 */

type Op = "create" | "create-disabled" | "read" | "update" | "delete";
type Expect = "retried-ok" | "error" | "gone";

interface FaultRow {
    /** `create-disabled` is POST then the finishing PATCH (declared name, `enabled: false`); its fault hits the PATCH. */
    op: Op;
    fault: FaultName;
    /** `retried-ok`: the operation succeeds in this run; `gone`: it reports the object deleted. */
    expect: Expect;
    errorMatches?: RegExp;
    /** How many times the faulted request (method and path) is sent in the first run. */
    sends: number;
    /** Bounds on the first run's duration, in ms, where a wait is what is being tested. */
    waits?: [number, number];
}

interface Fault {
    /**
     * A fault injected on the operation's request, given the kind's table, the request id its error body carries and
     * the strings the request sends (what a careless server might echo).
     */
    action?: (table: FaultTable, requestId: string, sent: string[]) => FaultAction;
    /** Instead of injecting, delete the object out of band: hookstream then answers a genuine 404. */
    deletedOutOfBand?: true;
}

const statusFault =
    (
        status: number,
        error: string | ((table: FaultTable, sent: string[]) => string),
        headers?: Record<string, string>,
    ) =>
    (table: FaultTable, requestId: string, sent: string[]): FaultAction => ({
        type: "status",
        status,
        body: { error: typeof error === "string" ? error : error(table, sent), status, request_id: requestId },
        headers,
    });

const faults = {
    // Retry-After wins over RateLimit-Reset: the wait is 1 s, not 3 s.
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
    "401 echoing the API key": { action: statusFault(401, (table) => `Invalid API key ${table.apiKey}`) },
    "403": { action: statusFault(403, "Forbidden: plan limit reached") },
    "404": { action: statusFault(404, "Not found") },
    "404 (deleted out of band)": { deletedOutOfBand: true },
    "409": { action: statusFault(409, "Conflict: duplicate resource") },
    // The kind's own 400 message; a channel's echoes the config strings it was sent, which must not reach a message.
    "400 invalid body": { action: statusFault(400, (table, sent) => table.invalidBody(sent)) },
} satisfies Record<string, Fault>;
type FaultName = keyof typeof faults;

const rateLimited = (op: Op): FaultRow[] => [
    { op, fault: "429 with Retry-After", expect: "retried-ok", sends: 2, waits: [900, 2_500] },
    { op, fault: "429 with RateLimit-Reset only", expect: "retried-ok", sends: 2, waits: [900, 2_500] },
    { op, fault: "429 with neither header", expect: "retried-ok", sends: 2, waits: [100, 900] },
];
const rejected = (op: Op): FaultRow[] => [
    {
        op,
        fault: "401 echoing the API key",
        expect: "error",
        errorMatches: /failed with 401.*The API key was refused.*pulumi refresh --run-program/,
        sends: 1,
    },
    { op, fault: "403", expect: "error", errorMatches: /failed with 403: Forbidden: plan limit reached/, sends: 1 },
    { op, fault: "409", expect: "error", errorMatches: /failed with 409: Conflict/, sends: 1 },
];
const serverErrorsRetried = (op: Op): FaultRow[] =>
    (["500", "502", "503", "504"] as const).map((fault) => ({ op, fault, expect: "retried-ok", sends: 2 }));
const retriedAfterNetworkFaults = (op: Op): FaultRow[] => [
    { op, fault: "connection reset before the change", expect: "retried-ok", sends: 2 },
    { op, fault: "response lost after the change", expect: "retried-ok", sends: 2 },
    { op, fault: "300 ms latency", expect: "retried-ok", sends: 1 },
];
/** GET and PATCH answers that cannot be read: asked for again, as both are idempotent (retry-policy.ts). */
const unreadable = (op: "read" | "update"): FaultRow[] => [
    { op, fault: "malformed JSON after the change", expect: "retried-ok", sends: 2 },
    { op, fault: "empty body after the change", expect: "retried-ok", sends: 2 },
];

/** The rows of one kind's matrix: the same for every kind, but for its collection and its 404 message. */
function matrixOf(table: FaultTable): FaultRow[] {
    return [
        // POST is not idempotent: only a 429 (refused before processing) is sent again. Any other failure is
        // ambiguous, so the provider looks for the object: it takes over one it finds, and otherwise fails without
        // retrying.
        ...rateLimited("create"),
        ...(["500", "502", "503", "504"] as const).map((fault): FaultRow => ({
            op: "create",
            fault,
            expect: "error",
            errorMatches: new RegExp(`POST ${table.collection} failed with ${fault}`),
            sends: 1,
        })),
        {
            op: "create",
            fault: "connection reset before the change",
            expect: "error",
            errorMatches: new RegExp(`POST ${table.collection} failed: `),
            sends: 1,
        },
        { op: "create", fault: "response lost after the change", expect: "retried-ok", sends: 1 },
        { op: "create", fault: "300 ms latency", expect: "retried-ok", sends: 1 },
        { op: "create", fault: "malformed JSON after the change", expect: "retried-ok", sends: 1 },
        { op: "create", fault: "empty body after the change", expect: "retried-ok", sends: 1 },
        ...rejected("create"),
        { op: "create", fault: "404", expect: "error", errorMatches: /failed with 404: Not found/, sends: 1 },
        {
            op: "create",
            fault: "400 invalid body",
            expect: "error",
            errorMatches: /failed with 400: Invalid body/,
            sends: 1,
        },

        // The PATCH that finishes a just-created object: a failure there keeps it in state (init failure).
        { op: "create-disabled", fault: "503", expect: "retried-ok", sends: 2 },
        { op: "create-disabled", fault: "response lost after the change", expect: "retried-ok", sends: 2 },
        {
            op: "create-disabled",
            fault: "403",
            expect: "error",
            errorMatches: new RegExp(
                `${table.kind.label} \\S+ was created, but finishing it \\(name, enabled\\) failed: .*failed with 403`,
            ),
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
            errorMatches: new RegExp(
                `failed with 404: ${table.notFound}.*request id.*deleted outside Pulumi.*pulumi refresh`,
            ),
            sends: 1,
        },
        {
            op: "update",
            fault: "400 invalid body",
            expect: "error",
            errorMatches: /failed with 400/,
            sends: 1,
        },

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
}

type Outcome = { kind: "ok"; id?: string } | { kind: "gone" } | { kind: "error"; error: HostError };

for (const table of faultTables) {
    const { label, name: kindName } = table.kind;
    const { apiKey, project, collection } = table;
    const matrix = matrixOf(table);
    const secrets = [apiKey, ...table.credentials];
    const collectionPath = new RegExp(`^${collection}$`);
    const onePath = (id: string) => new RegExp(`^${collection}/${id}$`);
    const anyOnePath = new RegExp(`^${collection}/[^/]+$`);

    for (const hostName of hostsOf(table))
        describe(`${kindName} under faults, through ${hostTitles[hostName]} (fault matrix)`, function () {
            this.timeout(30_000);
            let emulator: HostServer;
            let host: ResourceHost;
            let refs: string[] = [];
            /** What Pulumi would hold: id → outputs. */
            const state = new Map<string, Bag>();
            const errorMessages: string[] = [];
            const totals = { cases: matrix.length, passed: 0, duplicates: 0, orphans: 0, leaks: 0 };
            const stored = () => table.stored(emulator, project);

            before(async function () {
                emulator = await table.start({ [apiKey]: project });
                refs = table.prepare?.(emulator, project) ?? [];
                // Each read row's fault is on its own GET: a read that joined a list walk another row's read started
                // would never meet it, so reads here send their own GET (batched reads: refresh-requests.test.ts).
                host = await startTableHost(hostName, table, emulator, { HOOKSTREAM_READ_BATCHING: "off" });
            });

            after(async function () {
                console.log(
                    `      ${kindName} fault matrix, ${hostName} host: ${totals.cases} cases, ${totals.passed} passed, ` +
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
                    const error = caught as HostError;
                    errorMessages.push(error.message);
                    // ErrorResourceInitFailed: the engine keeps the id and the properties in state.
                    if (error.initFailure) state.set(error.initFailure.id, error.initFailure.properties);
                    return { kind: "error", error };
                }
            }

            /** Does again what failed, as the next `pulumi up` (after a `pulumi refresh` where one is needed) would. */
            async function rerun(
                op: Op,
                id: string | undefined,
                inputs: Bag,
                news: Bag,
                outcome: Outcome,
            ): Promise<void> {
                const initFailure = outcome.kind === "error" ? outcome.error.initFailure : undefined;
                if (initFailure) {
                    const diff = await host.diff(initFailure.id, initFailure.properties, inputs);
                    assert.equal(diff.changes, "some", "the next diff sees it still enabled and its name still marked");
                    state.set(initFailure.id, await host.update(initFailure.id, initFailure.properties, inputs));
                    return;
                }
                if (op === "update" && !stored().some((object) => object.id === id)) {
                    assert.equal((await run("read", id, inputs, news)).kind, "gone");
                    const again = await run("create", undefined, news, news);
                    assert.equal(again.kind, "ok", again.kind === "error" ? again.error.message : "");
                    return;
                }
                const again = await run(op, id, inputs, news);
                assert.notEqual(again.kind, "error", again.kind === "error" ? again.error.message : "");
            }

            matrix.forEach((row, index) => {
                const fault: Fault = faults[row.fault];
                const verdict = { "retried-ok": "succeeds", error: "fails", gone: `reports the ${label} gone` }[
                    row.expect
                ];
                it(`${row.op} under ${row.fault} ${verdict}${row.expect === "error" ? ", and a re-run repairs it" : ""}`, async function () {
                    const name = `r${String(index).padStart(2, "0")}-${row.op}-${row.fault.replace(/\W+/g, "-")}`;
                    const requestId = `req_fault${String(index).padStart(6, "0")}`;
                    const declared = table.declare(name, index, 1, refs);
                    const inputs = await checked({
                        ...declared,
                        ...(row.op === "create-disabled" ? { enabled: false } : {}),
                    });
                    const news = await checked(table.declare(name, index, 2, refs));

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
                    const path =
                        row.op === "create" ? collectionPath : row.op === "create-disabled" ? anyOnePath : onePath(id!);
                    if (fault.deletedOutOfBand) table.remove(emulator, id!);
                    else
                        emulator.inject({
                            method,
                            path,
                            action: fault.action!(
                                table,
                                requestId,
                                table.sentStrings(row.op === "update" ? news : inputs),
                            ),
                        });

                    const started = performance.now();
                    const outcome = await run(row.op, id, inputs, news);
                    const elapsed = performance.now() - started;
                    const sent = emulator.requests.filter((r) => r.method === method && path.test(r.path));

                    // The first run. A delete reports nothing back: "gone" is a success after a 404.
                    const expectedKind =
                        row.expect === "retried-ok" || (row.op === "delete" && row.expect === "gone")
                            ? "ok"
                            : row.expect;
                    const seen = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`).join(", ");
                    assert.equal(
                        outcome.kind,
                        expectedKind,
                        outcome.kind === "error" ? outcome.error.message : `hookstream saw: ${seen()}`,
                    );
                    assert.equal(sent.length, row.sends, `${method} sent ${sent.length} times`);
                    if (row.fault.startsWith("401"))
                        assert.equal(emulator.requests.length, 1, "a 401 is never retried");
                    if (row.waits) {
                        assert.ok(elapsed >= row.waits[0] && elapsed < row.waits[1], `took ${Math.round(elapsed)} ms`);
                    }
                    if (row.op === "create" && outcome.kind === "ok") {
                        assert.equal(stored().find((object) => object.id === outcome.id)?.name, name);
                    }

                    // Repaired before the message is judged, so that a wrong message fails this row alone.
                    if (outcome.kind === "error") await rerun(row.op, id, inputs, news, outcome);

                    if (outcome.kind === "error") {
                        const { message } = outcome.error;
                        if (row.errorMatches) assert.match(message, row.errorMatches);
                        const answered = sent.at(-1)?.status ?? 0;
                        if (answered >= 400) assert.match(message, new RegExp(`\\b${answered}\\b`), "names the status");
                        if (fault.action?.(table, requestId, []).type === "status") {
                            assert.ok(message.includes(requestId), message);
                        }
                        if (fault.deletedOutOfBand) assert.match(message, /request id req_[0-9a-f]+/);
                    }

                    // After the re-run: state and API agree on this row's objects, which are as declared.
                    const mine = stored().filter((object) => object.name.startsWith(name));
                    const names = mine.map((object) => object.name);
                    const duplicates = names.length - new Set(names).size;
                    const orphans = mine.filter((object) => !state.has(object.id)).length;
                    const dangling = [...state.keys()].filter(
                        (stateId) => !stored().some((object) => object.id === stateId),
                    );
                    totals.duplicates += duplicates;
                    totals.orphans += orphans;
                    assert.equal(duplicates, 0, `duplicate ${label}s`);
                    assert.equal(orphans, 0, `${label}s not in state`);
                    assert.deepEqual(
                        dangling,
                        [],
                        `state entries without ${label === "alert rule" ? "an" : "a"} ${label}`,
                    );
                    const held = table.heldAs(emulator, project, name);
                    if (row.op === "delete") assert.deepEqual(mine, []);
                    else if (row.op === "update") assert.deepEqual(held, [table.expectedHeld(news, true)]);
                    else if (row.op === "create-disabled")
                        assert.deepEqual(held, [table.expectedHeld(declared, false)]);
                    else if (row.op === "create") assert.deepEqual(held, [table.expectedHeld(declared, true)]);
                    if (row.expect === "gone") assert.equal(state.has(id!), false);
                    if (row.expect === "gone") assert.equal(sent.at(-1)?.status, 404);
                    totals.passed += 1;
                });
            });

            it("puts no credential nor the API key in any error message or in the host's log", function () {
                const failing = matrix.filter((row) => row.expect === "error").length;
                assert.equal(errorMessages.length, failing, "one error per failing row, none from a re-run");
                const leaks = [...errorMessages, host.stderr()].flatMap((text) =>
                    secrets.filter((s) => text.includes(s)),
                );
                totals.leaks = leaks.length;
                assert.deepEqual(
                    leaks.map((secret) => `${secret.slice(0, 12)}…`),
                    [],
                );
            });

            it(`ends with state and API in agreement: every ${label} in state, every state entry ${label === "alert rule" ? "an" : "a"} ${label}`, function () {
                assert.deepEqual(
                    stored()
                        .map((object) => object.id)
                        .sort(),
                    [...state.keys()].sort(),
                );
                table.finalCheck?.(emulator);
            });
        });

    /**
     * Timeouts, through the kind's endpoints: the dynamic host's client waits 30 s for response headers, too long for
     * a test, so they run on a transport with a 200 ms dispatcher, and the operation budget is shortened the same way.
     * undici runs header timeouts on its coarse timers (lib/util/timers.js, about 1 s apart), so the injected latency
     * is 2 s.
     */
    describe(`${kindName} endpoints under timeouts (per-request and per-operation)`, function () {
        const { endpoints } = table.kind;
        const timeoutProject = table.timeouts.project;
        let emulator: HostServer;
        let agent: Agent;
        let refs: string[] = [];
        const shortWait = () => new Transport({ baseUrl: emulator.url, apiKey, dispatcher: agent });
        const stored = () => table.stored(emulator, timeoutProject);

        before(async function () {
            emulator = await table.start({ [apiKey]: timeoutProject });
            agent = new Agent({ headersTimeout: 200, bodyTimeout: 200 });
            refs = table.prepare?.(emulator, timeoutProject) ?? [];
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
                const id = table.timeouts.seed(emulator, timeoutProject, `timeout-${method}`, refs);
                emulator.resetRequests();
                emulator.inject({ method, action: { type: "latency", ms: 2_000 } });
                const api = shortWait();
                const held: { id: string } =
                    method === "GET"
                        ? await endpoints.get(api, id)
                        : await endpoints.update(api, id, table.timeouts.patch);
                assert.equal(held.id, id);
                assert.equal(emulator.requests.filter((r) => r.method === method).length, 2);
                table.remove(emulator, id);
            });
        }

        it("does not repeat a POST that outlived the per-request timeout, and says it timed out", async function () {
            emulator.inject({ method: "POST", action: { type: "latency", ms: 2_000 } });
            const declared = table.timeouts.declared(refs);
            const error = await endpoints.create(shortWait(), declared, String(declared.name)).then(
                () => assert.fail("create should time out"),
                (e: Error) => e,
            );
            assert.ok(isHookstreamError(error, "HOOKSTREAM_TIMEOUT"), error.message);
            assert.equal((error.cause as { code?: string }).code, "UND_ERR_HEADERS_TIMEOUT");
            assert.match(error.message, new RegExp(`^hookstream POST ${collection} timed out`));
            assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 1);
            assert.ok(secrets.every((secret) => !error.message.includes(secret)));
            // The emulator finishes the POST once its latency is over: this is the lost create of lost-create.test.ts.
            while (emulator.requests[0]?.status === 0) await new Promise((resolve) => setTimeout(resolve, 50));
            assert.equal(stored().length, 1);
            table.remove(emulator, stored()[0]!.id);
        });

        it("states the per-request timeout that actually elapsed (200 ms), not the default", async function () {
            emulator.inject({ method: "GET", action: { type: "latency", ms: 2_000 } });
            const api = new Transport({
                baseUrl: emulator.url,
                apiKey,
                dispatcher: agent,
                requestTimeoutMs: 200,
                retry: { maxRetries: 0 },
            });
            const error = await endpoints.get(api, "missing").then(
                () => assert.fail("get should time out"),
                (e: Error) => e,
            );
            assert.ok(isHookstreamError(error, "HOOKSTREAM_TIMEOUT"), error.message);
            assert.match(error.message, /timed out after 200 ms/);
        });

        it("gives up listing when the operation budget runs out, naming the budget", async function () {
            emulator.inject({ method: "GET", action: { type: "latency", ms: 1_500 } });
            const api = new Transport({ baseUrl: emulator.url, apiKey, operationTimeoutMs: 300 });
            const started = performance.now();
            const error = await endpoints.listPage(api, {}).then(
                () => assert.fail("list should time out"),
                (e: Error) => e,
            );
            assert.ok(performance.now() - started < 1_200, "waited past the budget");
            assert.ok(isHookstreamError(error, "HOOKSTREAM_TIMEOUT"), error.message);
            assert.match(error.message, new RegExp(`^hookstream GET ${collection} timed out after 300 ms`));
            assert.equal(emulator.requests.length, 1);
        });
    });
}
