import assert from "node:assert/strict";
import { describeEachKind, project } from "./each-kind";
import type { Bag, KindFault } from "./kind-case";

/**
 * A compact fault matrix for each kind through the provider core builds from its descriptor, against a real server:
 * each operation under an error status, a cut connection, and an answer lost, cut short or empty after the change.
 * A row asserts how often the faulted request was sent, what the error says, and that doing the operation again (the
 * next `pulumi up`) leaves exactly the declared object. The full matrix, rate limits and timeouts included, runs for
 * the registered kinds through the dynamic-provider host (tests/reliability/faults.test.ts).
 */

type Op = "create" | "finish" | "read" | "update" | "delete";

interface Row {
    op: Op;
    /** `finish` faults the PATCH that finishes a create of a disabled object. */
    fault: KindFault;
    /** `ok`: this run succeeds; `error`: it fails and a re-run repairs it; `partial`: it fails, keeping the object. */
    expect: "ok" | "error" | "partial";
    /** How many times the faulted request is sent in the first run. */
    sends: number;
}

const status = (code: number): KindFault => ({
    type: "status",
    status: code,
    body: { error: `fault ${code}`, status: code, request_id: `req_kind${code}` },
});

const rows: Row[] = [
    // POST is never sent again; an ambiguous failure is looked up by its marker, and nothing found is an error.
    { op: "create", fault: status(503), expect: "error", sends: 1 },
    { op: "create", fault: { type: "drop" }, expect: "error", sends: 1 },
    { op: "create", fault: status(403), expect: "error", sends: 1 },
    { op: "create", fault: status(400), expect: "error", sends: 1 },
    { op: "finish", fault: status(503), expect: "ok", sends: 2 },
    { op: "finish", fault: { type: "lose-response" }, expect: "ok", sends: 2 },
    { op: "finish", fault: status(403), expect: "partial", sends: 1 },
    ...(["read", "update", "delete"] as const).flatMap((op): Row[] => [
        { op, fault: status(503), expect: "ok", sends: 2 },
        { op, fault: { type: "drop" }, expect: "ok", sends: 2 },
        // A repeated DELETE gets a 404, which means done.
        { op, fault: { type: "lose-response" }, expect: "ok", sends: 2 },
        // A DELETE's answer is not read, so only a GET's or a PATCH's is asked for again.
        { op, fault: { type: "malformed" }, expect: "ok", sends: op === "delete" ? 1 : 2 },
        { op, fault: { type: "empty" }, expect: "ok", sends: op === "delete" ? 1 : 2 },
        { op, fault: status(403), expect: "error", sends: 1 },
    ]),
    { op: "update", fault: status(400), expect: "error", sends: 1 },
];

const describeFault = (fault: KindFault) => (fault.type === "status" ? String(fault.status) : fault.type);

describeEachKind("the built provider under faults", (k) => {
    const methodOf = { create: "POST", finish: "PATCH", read: "GET", update: "PATCH", delete: "DELETE" } as const;

    rows.forEach((row, index) => {
        const title = {
            ok: "succeeds",
            error: "fails, and a re-run repairs it",
            partial: "keeps the object in state, and a re-run finishes it",
        }[row.expect];
        it(`${row.op} under ${describeFault(row.fault)} ${title}`, async function () {
            const name = `f${index}-${row.op}-${describeFault(row.fault)}`;
            // Another object of the kind: the key's project can be told when a repeated DELETE gets its 404.
            k.bench.seed(project, k.declared("bystander"));
            const inputs = await k.checked(name, row.op === "finish" ? { enabled: false } : {});
            let state: Bag | undefined;
            let id: string | undefined;
            if (row.op === "read" || row.op === "update" || row.op === "delete") {
                const created = await k.provider.create!(inputs);
                [id, state] = [created.id, created.outs];
            }
            const news = (await k.provider.check!(state ?? {}, k.declared(name, k.table.update.change))).inputs as Bag;
            k.bench.resetRequests();
            const method = methodOf[row.op];
            const path = row.op === "create" || row.op === "finish" ? undefined : `${k.table.collection}/${id}`;
            k.bench.inject({ method, path, action: row.fault });

            const run = async (): Promise<void> => {
                switch (row.op) {
                    case "create":
                    case "finish": {
                        const created = await k.provider.create!(inputs);
                        [id, state] = [created.id, created.outs];
                        return;
                    }
                    case "read":
                        state = (await k.provider.read!(id!, state)).props as Bag;
                        return;
                    case "update":
                        state = (await k.provider.update!(id!, state, news)).outs as Bag;
                        return;
                    case "delete":
                        await k.provider.delete!(id!, state);
                        state = undefined;
                }
            };
            const error = await run().then(
                () => undefined,
                (caught: Error & { code?: string; id?: string; properties?: Bag }) => caught,
            );
            const sent = k.bench
                .requests()
                .filter((r) => r.method === method && (path === undefined || r.path === path));

            assert.equal(error === undefined ? "ok" : row.expect, row.expect, error?.message);
            assert.equal(sent.length, row.sends, `${method} sent ${sent.length} times`);
            if (row.op === "create") assert.equal(sent.length, 1, "a POST is never sent again");
            if (error !== undefined) {
                if (row.fault.type === "status") {
                    assert.match(error.message, new RegExp(`failed with ${row.fault.status}`));
                    assert.ok(error.message.includes(`req_kind${row.fault.status}`), error.message);
                }
                for (const secret of k.table.secrets) assert.equal(error.message.includes(secret), false);
            }

            // The next `pulumi up`: what failed is done again, from what state then holds.
            if (row.expect === "partial") {
                assert.equal(error?.code, "HOOKSTREAM_PARTIAL_CREATE");
                const kept = { ...error!.properties };
                const diff = await k.provider.diff!(error!.id!, kept, inputs);
                assert.equal(diff.changes, true, "the next diff sees the unfinished create");
                await k.provider.update!(error!.id!, kept, inputs);
                id = error!.id;
            } else if (error !== undefined) {
                await run();
            }

            const mine = k.bench.stored(project).filter((o) => o.name.startsWith(name));
            if (row.op === "delete") assert.deepEqual(mine, []);
            else {
                const declaredName = row.op === "update" ? news.name : inputs.name;
                assert.deepEqual(
                    mine.map((o) => [o.id, o.name, o.enabled]),
                    [[id, declaredName, row.op !== "finish"]],
                );
            }
        });
    });
});
