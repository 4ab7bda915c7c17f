import assert from "node:assert/strict";
import { markedName, parseCreateToken } from "../../provider/core/create-token";
import type { Bag } from "../support/provider-host";
import { hostTitles, type HostError, type ResourceHost } from "../support/resource-host";
import type { HostServer } from "./kinds/host-table";
import { startTableHost, withEachHost } from "./kinds/start-table-host";
import { lostCreateTables } from "./kinds/tables";

/**
 * A POST whose answer never arrives (docs/hookstream-api.md §4.3: creation is not idempotent), for every registered
 * kind, and the test-only widget, through each host the kind runs in: the real dynamic-provider host and the native
 * plugin (tests/reliability/kinds/start-table-host.ts). The POST carries the create token's nonce in the name; the provider
 * must not send it again. It lists the project's objects of the kind and takes over the one bearing its marker, never
 * a look-alike (same name and every argument) made by someone else, and fails with the POST's own error when nothing
 * bears it, so that the next `pulumi up` creates exactly one. What differs per kind is data in
 * tests/reliability/kinds/; a failure reads the same through both hosts (the status message, and the init failure
 * in its details).
 */

for (const [table, hostName] of withEachHost(lostCreateTables)) {
    const { label } = table.kind;
    const a = /^[aeiou]/.test(label) ? "an" : "a";
    const { collection, project, apiKey, picks } = table;

    describe(`${a} ${label} create whose answer is lost, through ${hostTitles[hostName]}`, function () {
        this.timeout(30_000);
        let emulator: HostServer;
        let host: ResourceHost;
        let refs: string[] = [];

        before(async function () {
            emulator = await table.start({ [apiKey]: project });
            host = await startTableHost(hostName, table, emulator);
        });

        after(async function () {
            await host?.stop();
            await emulator?.close();
        });

        beforeEach(function () {
            emulator.reset();
            table.shapes?.set(emulator, table.shapes.names[0]!);
            refs = table.prepare?.(emulator, project) ?? [];
            emulator.resetRequests();
        });

        const declared = (variant: string, extra: Bag = {}): Bag => ({ ...table.declared(variant, refs), ...extra });
        const nameOf = (variant: string) => String(table.declared(variant, refs).name);
        const seed = (variant: string, overrides?: Bag) => table.seed(emulator, project, variant, refs, overrides);
        const stored = () => table.stored(emulator, project);

        async function checked(bag: Bag): Promise<Bag> {
            const { inputs, failures } = await host.check(bag);
            assert.deepEqual(failures, []);
            return inputs;
        }

        async function createFails(inputs: Bag): Promise<HostError> {
            return host.create(inputs).then(
                () => assert.fail("create should have failed"),
                (error: HostError) => error,
            );
        }

        /** No credential of the declared objects, nor the API key, in a text a person may read. */
        function assertNoCredential(text: string, what: string) {
            for (const credential of [apiKey, ...table.credentials]) {
                assert.equal(text.includes(credential), false, `${what} holds a credential`);
            }
        }

        const calls = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
        const posts = () => emulator.requests.filter((r) => r.method === "POST").length;
        /** The name the POST of these checked inputs carries. */
        const markedFor = (inputs: Bag) =>
            markedName(String(inputs.name), parseCreateToken(inputs.__createToken)!.nonce);

        // A server with one response shape runs each takeover once.
        const shapes = table.shapes?.names ?? [undefined];
        for (const [row, shape] of table.takeovers.flatMap((r) => shapes.map((s) => [r, s] as const))) {
            it(`takes over the ${row.variant} ${label} it stored when the answer is lost (${row.fault}${shape ? `, ${shape} shape` : ""})`, async function () {
                if (shape !== undefined) table.shapes?.set(emulator, shape);
                const bag = declared(row.variant);
                const inputs = await checked(bag);
                emulator.inject({ method: "POST", action: { type: row.fault } });
                const created = await host.create(inputs);
                const all = stored();
                assert.equal(all.length, 1);
                assert.equal(created.id, all[0]!.id);
                assert.equal(all[0]!.name, bag.name);
                assert.equal(created.outputs.name, bag.name);
                for (const key of table.echoed) assert.deepEqual(created.outputs[key], bag[key], key);
                assert.equal(typeof created.outputs.createdAt, "string");
                // With the URN the engine passes, the first create of a provider process lists once for leftovers;
                // the native plugin's process serves every test of the suite.
                const list = `GET ${collection} 200`;
                const leftovers =
                    inputs.__urn !== undefined && calls()[0] === list && calls()[1] !== list ? [list] : [];
                assert.deepEqual(calls(), [
                    ...leftovers,
                    `POST ${collection} ${row.fault === "lose-response" ? 0 : 200}`,
                    `GET ${collection} 200`,
                    `PATCH ${collection}/${created.id} 200`,
                ]);
                const [post, , patch] = emulator.requests.slice(leftovers.length);
                assert.equal((post!.body as Bag).name, markedFor(inputs));
                assert.deepEqual(patch!.body, { name: bag.name });
            });
        }

        it(`takes over ${a} ${label} created disabled, then names and disables it in one PATCH, when the POST's answer is lost`, async function () {
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const created = await host.create(await checked(declared(picks.disabled, { enabled: false })));
            assert.deepEqual(
                stored().map((o) => [o.id, o.name, o.enabled]),
                [[created.id, nameOf(picks.disabled), false]],
            );
            assert.deepEqual(calls(), [
                `POST ${collection} 0`,
                `GET ${collection} 200`,
                `PATCH ${collection}/${created.id} 200`,
            ]);
            assert.deepEqual(emulator.requests[2]!.body, { name: nameOf(picks.disabled), enabled: false });
        });

        it(`finds its ${label} when the project holds more than a page`, async function () {
            for (let i = 0; i < 150; i++) seed(picks.filler, { name: `other-${i}` });
            emulator.resetRequests();
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const created = await host.create(await checked(declared(picks.paged)));
            const mine = stored().filter((o) => o.name === nameOf(picks.paged));
            assert.deepEqual(
                mine.map((o) => o.id),
                [created.id],
            );
            assert.equal(stored().length, 151);
            assert.equal(posts(), 1);
        });

        it(`does not take over ${a} ${label} of the same name that differs from what was sent`, async function () {
            const other = seed(picks.differing, table.differingWire);
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const created = await host.create(await checked(declared(picks.differing)));
            assert.notEqual(created.id, other);
            assert.equal(stored().length, 2);
            const kept = stored().find((o) => o.id === other) as Bag | undefined;
            for (const [key, value] of Object.entries(table.differingWire)) assert.deepEqual(kept?.[key], value, key);
        });

        it(`takes neither of two identical ${label}s made before when the POST was dropped, and stores nothing`, async function () {
            const first = seed(picks.twoIdentical);
            const second = seed(picks.twoIdentical);
            emulator.inject({ method: "POST", action: { type: "drop" } });
            const inputs = await checked(declared(picks.twoIdentical));
            const error = await createFails(inputs);
            assert.match(error.message, new RegExp(`^hookstream POST ${collection} failed: `));
            assert.equal(error.initFailure, undefined, "neither id goes in state");
            assertNoCredential(error.message, "the message");
            assert.deepEqual(
                stored().map((o) => [o.id, o.name]),
                [
                    [first, nameOf(picks.twoIdentical)],
                    [second, nameOf(picks.twoIdentical)],
                ],
                "nothing created, nothing changed",
            );
            assert.equal(posts(), 1);
            assert.deepEqual(calls(), [`POST ${collection} 0`, `GET ${collection} 200`]);

            // The next run creates its own, beside the two look-alikes.
            const again = await host.create(inputs);
            assert.equal(stored().length, 3);
            assert.ok(![first, second].includes(again.id));
        });

        it(`takes the ${label} it stored, not an identical one that existed before, when the answer is lost`, async function () {
            const existing = seed(picks.identicalBefore);
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const created = await host.create(await checked(declared(picks.identicalBefore)));
            const all = stored();
            assert.equal(all.length, 2);
            assert.notEqual(created.id, existing);
            assert.equal(all.find((o) => o.id === created.id)?.name, nameOf(picks.identicalBefore));
            assert.equal(
                emulator.requests.some((r) => r.path.endsWith(existing)),
                false,
                "the look-alike is neither read nor changed",
            );
            assert.equal(posts(), 1);
            assertNoCredential(host.stderr(), "the host's stderr");
        });

        it(`does not take the marked ${label} of another create in flight`, async function () {
            const inFlight = markedName(nameOf(picks.inFlight), "fedcba9876543210");
            const elsewhere = seed(picks.inFlight, { name: inFlight });
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const created = await host.create(await checked(declared(picks.inFlight)));
            assert.notEqual(created.id, elsewhere);
            assert.equal(stored().find((o) => o.id === elsewhere)?.name, inFlight);
        });

        it(`lists every page and takes only its marked ${label} when a look-alike is on another page`, async function () {
            const older = seed(picks.lookAlikeOnOtherPage);
            for (let i = 0; i < 150; i++) seed(picks.filler, { name: `filler-${i}` });
            emulator.resetRequests();
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const created = await host.create(await checked(declared(picks.lookAlikeOnOtherPage)));
            assert.notEqual(created.id, older);
            const named = stored().filter((o) => o.name === nameOf(picks.lookAlikeOnOtherPage));
            assert.deepEqual(named.map((o) => o.id).sort(), [older, created.id].sort());
            assert.deepEqual(
                emulator.requests.filter((r) => r.method === "GET").map((r) => r.query.cursor !== undefined),
                [false, true],
            );
        });

        it(`keeps ${a} ${label} found by its marker in state, marked, when the finishing PATCH fails`, async function () {
            const inputs = await checked(declared(picks.finishFails));
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            emulator.inject({ method: "PATCH", action: { type: "status", status: 400 } });
            const error = await createFails(inputs);
            const [kept] = stored();
            assert.equal(error.initFailure?.id, kept?.id);
            assert.equal(error.initFailure?.properties.name, markedFor(inputs));
            assert.equal(kept?.name, markedFor(inputs));
            assert.match(error.message, new RegExp(`${label} \\S+ was created, but finishing it \\(name\\) failed`));
        });

        it("fails, stores nothing, and lets the next run create exactly one when the POST was dropped", async function () {
            const inputs = await checked(declared(picks.dropped));
            emulator.inject({ method: "POST", action: { type: "drop" } });
            const error = await createFails(inputs);
            assert.match(error.message, new RegExp(`^hookstream POST ${collection} failed: `));
            assert.equal(error.initFailure, undefined, "no id to keep in state");
            assert.deepEqual(stored(), []);
            assert.deepEqual(calls(), [`POST ${collection} 0`, `GET ${collection} 200`]);

            const again = await host.create(inputs);
            assert.deepEqual(
                stored().map((o) => [o.id, o.name]),
                [[again.id, nameOf(picks.dropped)]],
            );
        });

        it(`says the ${label} may exist, and the marked name to look for, when looking for it fails too`, async function () {
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            emulator.inject({
                method: "GET",
                action: {
                    type: "status",
                    status: 403,
                    body: { error: "Forbidden", status: 403, request_id: "req_lookup" },
                },
            });
            const inputs = await checked(declared(picks.lookupFails));
            const error = await createFails(inputs);
            assert.match(
                error.message,
                new RegExp(`the ${label} may have been created, and looking for it failed too`),
            );
            assert.match(
                error.message,
                new RegExp(`GET ${collection} failed with 403: Forbidden \\(request id req_lookup\\)`),
            );
            assert.ok(error.message.includes(`the ${label} named "${markedFor(inputs)}"`), error.message);
            assertNoCredential(error.message, "the message");
            assert.deepEqual(
                stored().map((o) => o.name),
                [markedFor(inputs)],
            );
        });
    });
}
