import assert from "node:assert/strict";
import type { Bag } from "../support/provider-host";
import { hostTitles, type ResourceHost } from "../support/resource-host";
import type { HostServer } from "./kinds/host-table";
import { startTableHost, withEachHost } from "./kinds/start-table-host";
import { faultTables } from "./kinds/tables";

/**
 * The wrong-project guard (docs/hookstream-api.md §3.2) through each host the kind runs in, driven as the engine
 * drives a run whose key belongs to another project of the organization (a copied stack config, a wrong
 * HOOKSTREAM_API_KEY): hookstream answers 404 for another project's object as for a deleted one, so a read must not
 * report the object gone, and an update or a delete must change nothing. One host runs with the stack's key, a
 * second with the other project's. What differs per kind is data in tests/reliability/kinds/ (the fault tables: how
 * an object is declared, seeded and removed out of band).
 */

const otherKey = "hs_test_" + "7".repeat(64);

for (const [table, hostName] of withEachHost(faultTables)) {
    const { label } = table.kind;
    const { apiKey, project, collection } = table;
    const otherProject = `${project}-other`;

    describe(`the wrong-project guard for the ${label}, through ${hostTitles[hostName]}`, function () {
        this.timeout(30_000);
        let server: HostServer;
        let host: ResourceHost;
        let wrongHost: ResourceHost;
        let refs: string[] = [];

        before(async function () {
            server = await table.start({ [apiKey]: project, [otherKey]: otherProject });
            host = await startTableHost(hostName, table, server);
            wrongHost = await startTableHost(hostName, { ...table, apiKey: otherKey }, server);
        });

        after(async function () {
            await wrongHost?.stop();
            await host?.stop();
            await server?.close();
        });

        beforeEach(function () {
            server.reset();
            refs = table.prepare?.(server, project) ?? [];
        });

        /** An object created through the host with the stack's key, as `pulumi up` left it in state. */
        async function created(name: string): Promise<{ id: string; inputs: Bag; outputs: Bag }> {
            const { inputs, failures } = await host.check(table.declare(name, 0, 1, refs));
            assert.deepEqual(failures, []);
            const { id, outputs } = await host.create(inputs);
            return { id, inputs, outputs };
        }

        const ids = () =>
            table
                .stored(server, project)
                .map((o) => [o.id, o.name])
                .sort();
        const writes = () => server.requests.filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`);

        // First: the host remembers the project it learned a key belongs to, as a process does for its run.
        it("refuses a refresh when the key's project holds nothing to tell it by, and keeps the object", async function () {
            const mine = await created("guarded-empty");
            const error = await wrongHost.read(mine.id, mine.outputs, mine.inputs).then(
                () => assert.fail("the read should be refused"),
                (e: Error) => e,
            );
            assert.match(error.message, /cannot be told which project the key belongs to/);
            assert.deepEqual(
                table.stored(server, project).map((o) => o.id),
                [mine.id],
            );
        });

        it(`refuses a refresh with another project's key, naming both projects, and changes nothing`, async function () {
            const mine = await created("guarded-read");
            const otherRefs = table.prepare?.(server, otherProject) ?? [];
            table.timeouts.seed(server, otherProject, "theirs", otherRefs);
            const before = ids();
            server.resetRequests();
            const error = await wrongHost.read(mine.id, mine.outputs, mine.inputs).then(
                () => assert.fail("the read should be refused"),
                (e: Error) => e,
            );
            assert.match(
                error.message,
                new RegExp(
                    `belongs to hookstream project ${String(mine.outputs.envId)}, but the API key in use belongs to project \\S+`,
                ),
            );
            assert.ok(error.message.includes(`${label} "guarded-read" (${mine.id})`), error.message);
            assert.equal(error.message.includes(otherKey), false, "the message holds the key");
            // Only a GET's 404 can say the object is not there (reads arriving together may list first).
            assert.ok(
                server.requests.some(
                    (r) => r.method === "GET" && r.path === `${collection}/${mine.id}` && r.status === 404,
                ),
                "the object's own GET answered 404",
            );
            assert.deepEqual(writes(), []);
            assert.deepEqual(ids(), before);
        });

        it(`refuses an update and a delete with another project's key, and changes nothing`, async function () {
            const mine = await created("guarded-write");
            const otherRefs = table.prepare?.(server, otherProject) ?? [];
            table.timeouts.seed(server, otherProject, "theirs", otherRefs);
            const news = await wrongHost.check(table.declare("guarded-write", 0, 2, refs), mine.inputs);
            assert.deepEqual(news.failures, []);
            server.resetRequests();
            const wrongProject = /but the API key in use belongs to project/;
            await assert.rejects(wrongHost.update(mine.id, mine.outputs, news.inputs), { message: wrongProject });
            await assert.rejects(wrongHost.delete(mine.id, mine.outputs), { message: wrongProject });
            assert.deepEqual(
                server.requests.filter((r) => r.method !== "GET" && r.status < 400),
                [],
                "nothing was changed",
            );
            assert.deepEqual(ids(), [[mine.id, "guarded-write"]]);
        });

        it("reports an object deleted out of band as gone with the project's own key", async function () {
            const mine = await created("guarded-gone");
            table.timeouts.seed(server, project, "still-here", refs);
            table.remove(server, mine.id);
            const read = await host.read(mine.id, mine.outputs, mine.inputs);
            assert.equal(read.id, "");
            assert.deepEqual(
                table.stored(server, project).map((o) => o.name),
                ["still-here"],
            );
        });
    });
}
