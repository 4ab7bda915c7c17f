import assert from "node:assert/strict";
import { parseCreateToken } from "../../provider/core/create-token";
import { describeEachKind, project } from "./each-kind";
import type { Bag } from "./kind-case";

/**
 * A create as the dynamic host's resource classes ask for it (`__finishAfterSave`, with the URN): the marker stays
 * on until the finishing step the class registered runs after the engine saved the id (provider/create-finish/), and
 * a later attempt at the same create (after a kill and whatever cleared its pending create) takes up what an earlier
 * one left instead of POSTing again.
 */

describeEachKind("a create finished after the save, and a later attempt at it", (k) => {
    const urnOf = (name: string) => `urn:pulumi:dev::kinds::${k.table.kind.tokens.dynamic}::${name}`;
    /** Checked inputs as the resource class hands them over. */
    const asTheClassAsks = (name: string) => k.checked(name, { __urn: urnOf(name), __finishAfterSave: true });
    const nonceOf = (inputs: Bag) => parseCreateToken(inputs.__createToken)!.nonce;

    it("lists once, POSTs under the marked name, sends no PATCH, and hands the marker on", async function () {
        const inputs = await asTheClassAsks("after-save");
        const created = await k.provider.create!(inputs);
        assert.deepEqual(k.sent(), [`GET ${k.table.collection}`, `POST ${k.table.collection}`]);
        assert.deepEqual(
            k.bench.stored(project).map((o) => o.name),
            [k.markedFor(inputs)],
        );
        assert.equal(created.outs.name, "after-save", "what hookstream holds once the finishing step has run");
        assert.equal(created.outs.__createMarker, nonceOf(inputs));
    });

    it("gives every check of the same create the same marker, and another resource another", async function () {
        const [first, again, other] = await Promise.all([
            asTheClassAsks("same"),
            asTheClassAsks("same"),
            asTheClassAsks("other"),
        ]);
        assert.equal(nonceOf(again), nonceOf(first));
        assert.notEqual(nonceOf(other), nonceOf(first));
    });

    it("takes up the object an interrupted attempt left, with no POST and no second object", async function () {
        const inputs = await asTheClassAsks("leftover");
        const left = k.bench.seed(project, { ...k.declared("leftover"), name: k.markedFor(inputs) });
        k.bench.resetRequests();
        const created = await k.provider.create!(inputs);
        assert.equal(created.id, left);
        assert.deepEqual(
            k.sent().filter((request) => !request.startsWith("GET ")),
            [],
            "the leftover already holds the declared arguments",
        );
        assert.equal(k.bench.stored(project).length, 1);
        assert.equal(created.outs.__createMarker, nonceOf(inputs));
    });

    it("leaves another resource's leftover and an unmarked look-alike alone", async function () {
        const inputs = await asTheClassAsks("alone");
        const other = await asTheClassAsks("someone-else");
        k.bench.seed(project, { ...k.declared("alone"), name: k.markedFor(other) });
        k.bench.seed(project, k.declared("alone"));
        const created = await k.provider.create!(inputs);
        assert.equal(k.bench.stored(project).length, 3);
        assert.ok(k.sent().includes(`POST ${k.table.collection}`));
        assert.equal(k.bench.stored(project).find((o) => o.id === created.id)?.name, k.markedFor(inputs));
    });

    it("never takes up the object its replacement replaces, though it still bears the URN's marker", async function () {
        // The engine diffs the old object, then creates the new one with the URN's nonce (create-token.ts). Same
        // arguments: a replacement asked for by `replaceOnChanges` or `--replace`.
        const inputs = await asTheClassAsks("replaced");
        const old = k.bench.seed(project, { ...k.declared("replaced"), name: k.markedFor(inputs) });
        await k.provider.diff(old, inputs, inputs);
        k.bench.resetRequests();
        const created = await k.provider.create!(inputs);
        assert.notEqual(created.id, old);
        assert.ok(k.sent().includes(`POST ${k.table.collection}`));
        assert.deepEqual(
            k.bench
                .stored(project)
                .map((o) => o.id)
                .sort(),
            [old, created.id].sort(),
            "the old object stays for the engine to delete",
        );
    });

    it("diffs a stored name that still carries a marker as a change of name, and says why under the resource", async function () {
        const inputs = await asTheClassAsks("left-marked");
        const created = await k.provider.create!(inputs);
        const warnings: string[] = [];
        const original = console.error;
        console.error = (line: unknown) => warnings.push(String(line));
        try {
            const stored = { ...created.outs, name: k.markedFor(inputs) };
            const diff = (await k.provider.diff(created.id, stored, inputs)) as {
                changed: string[];
                replaces?: string[];
            };
            assert.deepEqual(diff.changed, ["name"]);
            assert.deepEqual(diff.replaces, []);
        } finally {
            console.error = original;
        }
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.match(warnings[0]!, /the step that finishes its create did not run/);
        assert.match(warnings[0]!, /This update gives it its declared name/);
    });
});
