import assert from "node:assert/strict";
import { markedName } from "../../provider/core/create-token";
import { describeEachKind, project } from "./each-kind";
import type { Bag } from "./kind-case";

/**
 * A create whose answer is lost (docs/hookstream-api.md §4.3: creation is not idempotent), for each kind through the
 * provider core builds from its descriptor. The POST carries the create token's nonce in the name and is never sent
 * again; the object bearing the marker is found in the list, never a look-alike, and a failed finishing PATCH keeps it
 * in state, still marked.
 */

const answerLosses = ["lose-response", "malformed", "empty"] as const;

describeEachKind("a create whose answer is lost", (k) => {
    const createFails = (inputs: Bag) =>
        k.provider.create!(inputs).then(
            () => assert.fail("create should have failed"),
            (error: Error & { code?: string; id?: string; properties?: Bag }) => error,
        );

    for (const fault of answerLosses) {
        it(`takes over the object it stored, found by its marker, when the answer is lost (${fault})`, async function () {
            const inputs = await k.checked("lost-one");
            k.bench.inject({ method: "POST", action: { type: fault } });
            const created = await k.provider.create!(inputs);
            const stored = k.bench.stored(project);
            assert.deepEqual(
                stored.map((o) => [o.id, o.name]),
                [[created.id, "lost-one"]],
            );
            assert.deepEqual(k.calls(), [
                `POST ${k.table.collection} ${fault === "lose-response" ? 0 : 200}`,
                `GET ${k.table.collection} 200`,
                `PATCH ${k.table.collection}/${created.id} 200`,
            ]);
            assert.equal((k.bench.requests()[0]!.body as Bag).name, k.markedFor(inputs));
            assert.deepEqual(k.bench.requests()[2]!.body, { name: "lost-one" });
            assert.equal(created.outs.name, "lost-one");
        });
    }

    it("takes the object it stored, not an identical one made before, when the answer is lost", async function () {
        const existing = k.bench.seed(project, k.declared("lost-twin"));
        k.bench.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await k.provider.create!(await k.checked("lost-twin"));
        assert.notEqual(created.id, existing);
        assert.deepEqual(
            k.bench
                .stored(project)
                .map((o) => o.id)
                .sort(),
            [existing, created.id].sort(),
        );
        assert.equal(
            k.bench.requests().some((r) => r.path.endsWith(existing)),
            false,
            "the look-alike is neither read nor changed",
        );
    });

    it("takes neither of two identical objects when the POST was dropped, stores nothing, and the next run creates one", async function () {
        const first = k.bench.seed(project, k.declared("lost-dropped"));
        const second = k.bench.seed(project, k.declared("lost-dropped"));
        const inputs = await k.checked("lost-dropped");
        k.bench.inject({ method: "POST", action: { type: "drop" } });
        const error = await createFails(inputs);
        assert.match(error.message, new RegExp(`^hookstream POST ${k.table.collection} failed: `));
        assert.equal(error.id, undefined, "neither id goes in state");
        assert.deepEqual(k.calls(), [`POST ${k.table.collection} 0`, `GET ${k.table.collection} 200`]);
        assert.deepEqual(
            k.bench.stored(project).map((o) => o.id),
            [first, second],
        );

        const again = await k.provider.create!(inputs);
        assert.equal(k.bench.stored(project).length, 3);
        assert.ok(![first, second].includes(again.id));
    });

    it("does not take the marked object of another create in flight", async function () {
        const inFlight = markedName("lost-busy", "fedcba9876543210");
        const elsewhere = k.bench.seed(project, k.declared(inFlight));
        k.bench.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await k.provider.create!(await k.checked("lost-busy"));
        assert.notEqual(created.id, elsewhere);
        assert.equal(k.bench.stored(project).find((o) => o.id === elsewhere)?.name, inFlight);
    });

    it("lists every page and takes only its marked object when a look-alike is on another page", async function () {
        const older = k.bench.seed(project, k.declared("lost-paged"));
        for (let i = 0; i < 150; i++) k.bench.seed(project, k.declared(`filler-${i}`));
        k.bench.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await k.provider.create!(await k.checked("lost-paged"));
        assert.notEqual(created.id, older);
        const named = k.bench.stored(project).filter((o) => o.name === "lost-paged");
        assert.deepEqual(named.map((o) => o.id).sort(), [older, created.id].sort());
        assert.deepEqual(
            k.bench
                .requests()
                .filter((r) => r.method === "GET")
                .map((r) => r.query.cursor !== undefined),
            [false, true],
        );
        assert.equal(k.bench.requests().filter((r) => r.method === "POST").length, 1);
    });

    it("keeps an object found by its marker in state, marked, when the finishing PATCH fails", async function () {
        const inputs = await k.checked("lost-unfinished");
        k.bench.inject({ method: "POST", action: { type: "lose-response" } });
        k.bench.inject({ method: "PATCH", action: { type: "status", status: 400 } });
        const error = await createFails(inputs);
        const [stored] = k.bench.stored(project);
        assert.equal(error.code, "HOOKSTREAM_PARTIAL_CREATE");
        assert.equal(error.id, stored?.id);
        assert.equal(error.properties?.name, k.markedFor(inputs));
        assert.equal(stored?.name, k.markedFor(inputs));
        assert.match(
            error.message,
            new RegExp(`${k.table.kind.label} \\S+ was created, but finishing it \\(name\\) failed`),
        );
    });

    it("says the object may exist, and the marked name to look for, when looking for it fails too", async function () {
        k.bench.inject({ method: "POST", action: { type: "lose-response" } });
        k.bench.inject({
            method: "GET",
            action: {
                type: "status",
                status: 403,
                body: { error: "Forbidden", status: 403, request_id: "req_lookup" },
            },
        });
        const inputs = await k.checked("lost-unknown");
        const error = await createFails(inputs);
        assert.match(
            error.message,
            new RegExp(`the ${k.table.kind.label} may have been created, and looking for it failed too`),
        );
        assert.match(error.message, /failed with 403: Forbidden \(request id req_lookup\)/);
        assert.ok(error.message.includes(`the ${k.table.kind.label} named "${k.markedFor(inputs)}"`), error.message);
        for (const secret of k.table.secrets) assert.equal(error.message.includes(secret), false, "a credential");
        assert.deepEqual(
            k.bench.stored(project).map((o) => o.name),
            [k.markedFor(inputs)],
        );
    });
});
