import assert from "node:assert/strict";
import { describeEachKind, otherProject, prodKey, project } from "./each-kind";

/**
 * The wrong-project guard for each kind (docs/hookstream-api.md §3.2): hookstream answers 404 both for an object that
 * was deleted and for one of another project, so before a 404 counts as "deleted" the key's project is learned from
 * the lists of the kinds the server serves, and compared with the project stored in state.
 */

describeEachKind("the wrong-project guard on a 404", (k) => {
    const wrongProject = (error: Error & { code?: string }) => {
        assert.equal(error.code, "HOOKSTREAM_WRONG_PROJECT");
        return true;
    };

    it("refuses a read with another project's key, naming both projects, and changes nothing", async function () {
        const created = await k.provider.create!(await k.checked("guarded-read"));
        k.bench.seedElsewhere(otherProject);
        k.useKey(prodKey);
        k.bench.resetRequests();
        await assert.rejects(k.provider.read!(created.id, created.outs), (error: Error & { code?: string }) => {
            wrongProject(error);
            assert.ok(
                error.message.includes(`belongs to hookstream project ${String(created.outs.envId)}`),
                error.message,
            );
            assert.ok(error.message.includes(`${k.table.kind.label} "guarded-read" (${created.id})`), error.message);
            return true;
        });
        assert.equal(k.sent()[0], `GET ${k.table.collection}/${created.id}`);
        assert.deepEqual(
            k.bench.requests().filter((r) => r.method !== "GET"),
            [],
        );
        assert.deepEqual(
            k.bench.stored(project).map((o) => o.id),
            [created.id],
        );
    });

    it("refuses a read when the key's project holds nothing to tell it by", async function () {
        const created = await k.provider.create!(await k.checked("guarded-empty"));
        k.useKey(prodKey);
        await assert.rejects(k.provider.read!(created.id, created.outs), (error: Error & { code?: string }) => {
            wrongProject(error);
            assert.match(error.message, /cannot be told which project the key belongs to/);
            return true;
        });
        assert.equal(k.bench.stored(project).length, 1);
    });

    it("refuses an update and a delete with another project's key, and changes nothing", async function () {
        const created = await k.provider.create!(await k.checked("guarded-write"));
        k.bench.seedElsewhere(otherProject);
        k.useKey(prodKey);
        k.bench.resetRequests();
        const news = { ...created.outs, ...k.table.update.change };
        await assert.rejects(k.provider.update!(created.id, created.outs, news), wrongProject);
        await assert.rejects(k.provider.delete!(created.id, created.outs), wrongProject);
        assert.deepEqual(
            k.bench.stored(project).map((o) => [o.id, o.name]),
            [[created.id, "guarded-write"]],
        );
        assert.deepEqual(
            k.bench.requests().filter((r) => r.status === 200 && r.method !== "GET"),
            [],
            "nothing was changed",
        );
    });

    it("reports an object deleted out of band as gone when the key's project is its own", async function () {
        const created = await k.provider.create!(await k.checked("guarded-gone"));
        k.bench.seed(project, k.declared("still-here"));
        k.bench.remove(created.id);
        const read = await k.provider.read!(created.id, created.outs);
        assert.deepEqual(read, {});
        await k.provider.delete!(created.id, created.outs);
        assert.deepEqual(
            k.bench.stored(project).map((o) => o.name),
            ["still-here"],
        );
    });
});
