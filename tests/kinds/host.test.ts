import assert from "node:assert/strict";
import { devKey, describeEachKind, project } from "./each-kind";
import type { Bag } from "./kind-case";
import { ProviderHost } from "../support/provider-host";

/**
 * Each kind served by the real dynamic-provider host, driven over gRPC as the engine drives it: the host knows no kind,
 * so a kind described once (the test-only widget included) runs there unchanged. The registered kinds' stored shims
 * load the built package (`npm run build` first).
 */

/** The inputs as the engine sends them: a property set to undefined is no property at all. */
const withoutUndefined = (inputs: Bag): Bag =>
    Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));

describeEachKind("the dynamic-provider host", (k) => {
    let host: ProviderHost;

    before(async function () {
        this.timeout(60_000);
        const { text, env } = await k.table.providerText();
        host = await ProviderHost.start(text, { env });
        await host.configure({ "hookstream:apiKey": devKey, "hookstream:baseUrl": k.bench.url });
    });

    after(async function () {
        await host?.stop();
    });

    async function checked(name: string, extra: Bag = {}): Promise<Bag> {
        const { inputs, failures } = await host.check(k.declared(name, extra));
        assert.deepEqual(failures, []);
        return inputs;
    }

    it("checks valid inputs and rejects each bad row at its property, sending no request", async function () {
        const inputs = await checked("host-check");
        assert.equal(typeof inputs.__createToken, "string");
        for (const row of k.table.badInputs.slice(0, 5)) {
            const { failures } = await host.check(withoutUndefined(row.inputs));
            assert.ok(
                failures.some((failure) => failure.path === row.property),
                `${row.title}: ${JSON.stringify(failures)}`,
            );
        }
        assert.deepEqual(k.calls(), []);
    });

    it("creates, reads, diffs, updates only what changed and deletes, with the requests core sends", async function () {
        const inputs = await checked("host-life");
        const created = await host.create(inputs);
        assert.deepEqual(k.sent(), [`POST ${k.table.collection}`, `PATCH ${k.table.collection}/${created.id}`]);
        assert.equal((k.bench.requests()[0]!.body as Bag).name, k.markedFor(inputs));
        assert.equal(created.outputs.name, "host-life");

        k.bench.resetRequests();
        const read = await host.read(created.id, created.outputs);
        assert.equal(read.id, created.id);
        assert.equal(read.outputs.name, "host-life");

        const news = (await host.check(k.declared("host-life", k.table.update.change), created.outputs)).inputs;
        assert.deepEqual(await host.diff(created.id, created.outputs, news), { changes: "some", replaces: [] });
        const replacing = (await host.check(k.declared("host-life", k.table.replacing.change), created.outputs)).inputs;
        assert.deepEqual(
            (await host.diff(created.id, created.outputs, replacing)).replaces,
            k.table.replacing.replaces,
        );

        k.bench.resetRequests();
        await host.update(created.id, created.outputs, news);
        assert.deepEqual(k.sent(), [`PATCH ${k.table.collection}/${created.id}`]);
        assert.deepEqual(k.bench.requests()[0]!.body, k.table.update.patch);

        await host.delete(created.id, created.outputs);
        assert.deepEqual(k.bench.stored(project), []);
    });

    it("keeps an object whose finishing PATCH failed in state, still marked (ErrorResourceInitFailed)", async function () {
        const inputs = await checked("host-partial");
        k.bench.inject({ method: "PATCH", action: { type: "status", status: 400 } });
        const error = await host.create(inputs).then(
            () => assert.fail("create should have failed"),
            (caught: Error & { initFailure?: { id: string; properties: Bag } }) => caught,
        );
        const [stored] = k.bench.stored(project);
        assert.equal(error.initFailure?.id, stored?.id);
        assert.equal(error.initFailure?.properties.name, k.markedFor(inputs));
        assert.match(error.message, new RegExp(`${k.table.kind.label} \\S+ was created, but finishing it`));
    });
});
