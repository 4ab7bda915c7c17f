import assert from "node:assert/strict";
import { parseCreateToken } from "../../provider/core/create-token";
import { describeEachKind, project } from "./each-kind";
import type { Bag } from "./kind-case";

/**
 * The life of one object of each kind through the provider core builds from its descriptor, against a real server:
 * check, a marked create and its finishing PATCH, read, an update that sends only what changed, the replacement
 * decision, delete, and adoption. Every test asserts what the server saw.
 */

describeEachKind("the built provider's create, read, update and delete", (k) => {
    const body = (index: number) => k.bench.requests()[index]?.body as Bag | undefined;

    it("checks valid inputs without a request and gives them a create token", async function () {
        const inputs = await k.checked("crud-check");
        assert.ok(parseCreateToken(inputs.__createToken), "a well-formed create token");
        assert.equal(inputs.name, "crud-check");
        assert.deepEqual(k.calls(), []);
    });

    it("creates with one POST under the marked name, then one PATCH that gives it its declared name", async function () {
        const inputs = await k.checked("crud-create");
        const created = await k.provider.create!(inputs);
        const stored = k.bench.stored(project);
        assert.deepEqual(
            stored.map((o) => [o.id, o.name, o.enabled]),
            [[created.id, "crud-create", true]],
        );
        assert.deepEqual(k.sent(), [`POST ${k.table.collection}`, `PATCH ${k.table.collection}/${created.id}`]);
        assert.equal(body(0)?.name, k.markedFor(inputs));
        assert.equal("enabled" in (body(0) ?? {}), false, "POST takes no enabled");
        assert.deepEqual(body(1), { name: "crud-create" });
        assert.equal(created.outs.name, "crud-create");
        assert.equal(typeof created.outs.envId, "string", "the project is kept for the wrong-project guard");
        assert.equal(created.outs.__createToken, inputs.__createToken);
    });

    it("creates a disabled object with a finishing PATCH that also disables it", async function () {
        const created = await k.provider.create!(await k.checked("crud-disabled", { enabled: false }));
        assert.deepEqual(body(1), { name: "crud-disabled", enabled: false });
        assert.deepEqual(
            k.bench.stored(project).map((o) => [o.id, o.enabled]),
            [[created.id, false]],
        );
        assert.equal(created.outs.enabled, false);
    });

    it("reads the object with one GET, and sends no inputs when the stored ones still produce it", async function () {
        const created = await k.provider.create!(await k.checked("crud-read"));
        k.bench.resetRequests();
        const read = await k.provider.read!(created.id, created.outs);
        assert.deepEqual(k.sent(), [`GET ${k.table.collection}/${created.id}`]);
        assert.equal(read.id, created.id);
        assert.equal(read.props?.name, "crud-read");
        assert.equal(read.inputs, undefined, "the engine keeps the stored inputs");
    });

    it("reports the inputs that would produce the object when it drifted from the state", async function () {
        const inputs = await k.checked("crud-drift");
        const created = await k.provider.create!(inputs);
        await k.provider.update!(created.id, created.outs, { ...inputs, name: "crud-drifted" });
        const read = await k.provider.read!(created.id, created.outs);
        assert.equal(read.props?.name, "crud-drifted");
        assert.equal((read.inputs as Bag | undefined)?.name, "crud-drifted");
        assert.deepEqual((read.inputs as Bag | undefined)?.config, created.outs.config);
    });

    it("reports the inputs of an import, whose read has no stored outputs yet", async function () {
        const inputs = await k.checked("crud-import");
        const created = await k.provider.create!(inputs);
        const read = await k.provider.read!(created.id, inputs);
        assert.equal((read.inputs as Bag | undefined)?.name, "crud-import");
        assert.equal((read.inputs as Bag | undefined)?.__keyFingerprint, undefined, "inputs carry no fingerprint");
    });

    it("diffs an update without a replacement, and sends only what changed in one PATCH", async function () {
        const olds = await k.provider.create!(await k.checked("crud-update"));
        k.bench.resetRequests();
        const news = (await k.provider.check!(olds.outs, k.declared("crud-update", k.table.update.change))).inputs;
        assert.equal(news.__createToken, olds.outs.__createToken, "an update keeps the create token");
        // The kind provider's diff also names every changed argument (kind-provider.ts).
        const diff = (await k.provider.diff!(olds.id, olds.outs, news)) as {
            changes?: boolean;
            replaces?: string[];
            changed: string[];
        };
        assert.equal(diff.changes, true);
        assert.deepEqual(diff.replaces, []);
        assert.deepEqual(diff.changed, Object.keys(k.table.update.change));
        const updated = await k.provider.update!(olds.id, olds.outs, news);
        assert.deepEqual(k.sent(), [`PATCH ${k.table.collection}/${olds.id}`]);
        assert.deepEqual(body(0), k.table.update.patch);
        for (const [key, value] of Object.entries(k.table.update.change)) {
            assert.deepEqual(updated.outs?.[key], value, key);
        }
    });

    it("sends nothing when an update changes nothing hookstream holds", async function () {
        const olds = await k.provider.create!(await k.checked("crud-same"));
        k.bench.resetRequests();
        const news = (await k.provider.check!(olds.outs, k.declared("crud-same"))).inputs;
        const diff = await k.provider.diff!(olds.id, olds.outs, news);
        assert.equal(diff.changes, false);
        await k.provider.update!(olds.id, olds.outs, news);
        assert.deepEqual(k.calls(), []);
    });

    it("decides a replacement for a change PATCH cannot make, and check gives the new object a token of its own", async function () {
        const olds = await k.provider.create!(await k.checked("crud-replace"));
        k.bench.resetRequests();
        const news = (await k.provider.check!(olds.outs, k.declared("crud-replace", k.table.replacing.change))).inputs;
        const diff = await k.provider.diff!(olds.id, olds.outs, news);
        assert.deepEqual(diff.replaces, k.table.replacing.replaces);
        assert.notEqual(news.__createToken, olds.outs.__createToken);
        assert.deepEqual(k.calls(), []);
    });

    it("deletes with one DELETE", async function () {
        const created = await k.provider.create!(await k.checked("crud-delete"));
        k.bench.resetRequests();
        await k.provider.delete!(created.id, created.outs);
        assert.deepEqual(k.sent(), [`DELETE ${k.table.collection}/${created.id}`]);
        assert.deepEqual(k.bench.stored(project), []);
    });

    it("adopts an existing object with a GET and one PATCH of what differs, and never POSTs", async function () {
        const id = k.bench.seed(project, k.declared("crud-adopt-old"));
        const created = await k.provider.create!(await k.checked("crud-adopt", { adopt: id }));
        assert.equal(created.id, id);
        assert.deepEqual(k.sent(), [`GET ${k.table.collection}/${id}`, `PATCH ${k.table.collection}/${id}`]);
        assert.deepEqual(body(1), { name: "crud-adopt" });
        assert.deepEqual(
            k.bench.stored(project).map((o) => [o.id, o.name]),
            [[id, "crud-adopt"]],
        );
    });

    it("adopts an object that already matches with one GET alone", async function () {
        const id = k.bench.seed(project, k.declared("crud-adopt-same"));
        await k.provider.create!(await k.checked("crud-adopt-same", { adopt: id }));
        assert.deepEqual(k.sent(), [`GET ${k.table.collection}/${id}`]);
    });

    it("refuses to adopt an id the key's project does not hold, with HOOKSTREAM_ADOPT_ERROR", async function () {
        const inputs = await k.checked("crud-adopt-missing", { adopt: "missing_0123" });
        await assert.rejects(k.provider.create!(inputs), (error: Error & { code?: string }) => {
            assert.equal(error.code, "HOOKSTREAM_ADOPT_ERROR");
            assert.match(error.message, new RegExp(`cannot adopt ${k.table.kind.label} missing_0123`));
            return true;
        });
        assert.deepEqual(k.sent(), [`GET ${k.table.collection}/missing_0123`]);
    });

    it("refuses to adopt an object whose replacing argument differs, and changes nothing", async function () {
        const id = k.bench.seed(project, k.declared("crud-adopt-other", k.table.replacing.change));
        const inputs = await k.checked("crud-adopt-other", { adopt: id });
        await assert.rejects(k.provider.create!(inputs), (error: Error & { code?: string }) => {
            assert.equal(error.code, "HOOKSTREAM_ADOPT_ERROR");
            assert.match(error.message, /cannot be changed; declare its real type/);
            return true;
        });
        assert.deepEqual(k.sent(), [`GET ${k.table.collection}/${id}`]);
    });
});
