import assert from "node:assert/strict";
import { unnamedResource } from "../support/native-resource-host";
import type { Bag } from "../support/provider-host";
import { autonamedBy, hostTitles, type ResourceHost } from "../support/resource-host";
import type { HostServer } from "./kinds/host-table";
import { startTableHost, withEachHost } from "./kinds/start-table-host";
import { badInputTables } from "./kinds/tables";

/**
 * Every registered kind's bad-input matrix, and the test-only widget's, (tests/unit/<kind>/bad-input-cases.ts), sent the way the engine sends it,
 * over gRPC to each host: the real dynamic-provider host, which deserializes the kind's stored `__provider` shim and
 * loads the built provider, and the native plugin. Every row must fail `check` at its property, no reason may echo a
 * credential, and not one row may reach hookstream. What differs per kind is data in tests/reliability/kinds/; per
 * host, only that the native plugin fills in a missing name from the resource's name, so a row leaving the name out
 * checks that it does (tests/support/resource-host.ts).
 */

/** The inputs as the engine sends them: a property set to undefined is no property at all. */
function withoutUndefined(inputs: Bag): Bag {
    return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));
}

/** The argument a property path starts in: `ruleConfig.threshold` → `ruleConfig`, `channelIds[1]` → `channelIds`. */
const argumentOf = (property: string) => property.split(/[.[]/)[0];

/** The strings of an argument long enough to be a credential: URLs, secrets. */
function credentialsIn(value: unknown): string[] {
    if (typeof value !== "object" || value === null) return [];
    return Object.values(value).filter((entry): entry is string => typeof entry === "string" && entry.length >= 12);
}

for (const [table, hostName] of withEachHost(badInputTables)) {
    describe(`${table.kind.name} check through ${hostTitles[hostName]} (bad-input matrix)`, function () {
        let emulator: HostServer;
        let host: ResourceHost;
        let passed = 0;
        const autonamed = autonamedBy[hostName];
        const within = (property: string) => (table.failuresWithin === "property" ? property : argumentOf(property));

        before(async function () {
            emulator = await table.start({ [table.apiKey]: table.project });
            host = await startTableHost(hostName, table, emulator);
            emulator.resetRequests();
        });

        after(async function () {
            console.log(
                `      ${table.kind.name} bad-input matrix, ${hostName} host: ${table.rows.length} cases, ${passed} passed`,
            );
            await host?.stop();
            await emulator?.close();
        });

        for (const row of table.rows) {
            const inputs = withoutUndefined(row.inputs);
            if (autonamed !== undefined && row.property === autonamed && !(autonamed in inputs)) {
                it(`takes the resource's name for ${row.title}, as the generated SDKs expect`, async function () {
                    const checked = await host.check(inputs);
                    assert.deepEqual(checked.failures, []);
                    assert.equal(checked.inputs[autonamed], unnamedResource);
                    passed += 1;
                });
                continue;
            }
            it(`rejects ${row.title} at ${JSON.stringify(row.property)}`, async function () {
                const { failures } = await host.check(inputs);
                assert.ok(failures.length > 0, "check accepted the input");
                assert.deepEqual(
                    failures.filter((failure) => within(failure.path) !== within(row.property)),
                    [],
                    `failures outside ${JSON.stringify(within(row.property))}`,
                );
                assert.ok(
                    failures.some(
                        (failure) =>
                            failure.path === row.property &&
                            failure.reason.toLowerCase().includes(row.reason.toLowerCase()),
                    ),
                    `no failure at ${JSON.stringify(row.property)} mentions "${row.reason}": ${JSON.stringify(failures)}`,
                );
                const credentials = table.sensitiveArgument ? credentialsIn(row.inputs[table.sensitiveArgument]) : [];
                for (const value of credentials) {
                    assert.ok(
                        failures.every((failure) => !failure.reason.includes(value)),
                        "a reason echoes a credential (a URL or secret)",
                    );
                }
                passed += 1;
            });
        }

        it("accepts a valid object of every variant, so the matrix tests the rows and not the host", async function () {
            for (const inputs of table.valid) {
                const { failures } = await host.check(inputs);
                assert.deepEqual(failures, [], JSON.stringify(inputs));
            }
        });

        it("sends no request to hookstream for the whole matrix", function () {
            assert.deepEqual(
                emulator.requests.map((request) => `${request.method} ${request.path}`),
                [],
            );
        });
    });
}
