import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { ProviderHost } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";
import { badInputCases } from "../unit/notification-channel/bad-input-cases";

/**
 * The bad-input matrix of tests/unit/bad-input-cases.ts, sent the way the engine sends it: over gRPC to the real
 * dynamic-provider host, which deserializes the stored `__provider` shim and loads the built provider. Every row must
 * fail `check` at exactly its property, and not one row may reach hookstream.
 */

const apiKey = "hs_test_" + "b".repeat(64);

/** The config strings of a row long enough to be a credential: URLs, secrets. */
function configStrings(inputs: Record<string, unknown>): string[] {
    const config = inputs.config;
    if (typeof config !== "object" || config === null) return [];
    return Object.values(config).filter((value): value is string => typeof value === "string" && value.length >= 12);
}

describe("check through the dynamic-provider host (bad-input matrix)", function () {
    let emulator: Emulator;
    let host: ProviderHost;
    let passed = 0;

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: "bad-input" } });
        host = await ProviderHost.start((await serializedProvider()).text);
        await host.configure({ "hookstream:apiKey": apiKey, "hookstream:baseUrl": emulator.url });
        emulator.resetRequests();
    });

    after(async function () {
        console.log(`      bad-input matrix: ${badInputCases.length} cases, ${passed} passed`);
        await host?.stop();
        await emulator?.close();
    });

    for (const row of badInputCases) {
        it(`rejects ${row.title} at ${JSON.stringify(row.property)}`, async function () {
            const { failures } = await host.check(row.inputs);
            assert.ok(failures.length > 0, "check accepted the input");
            assert.deepEqual(
                failures.filter((failure) => failure.path !== row.property),
                [],
                `failures outside ${JSON.stringify(row.property)}`,
            );
            assert.ok(
                failures.some((failure) => failure.reason.toLowerCase().includes(row.reason.toLowerCase())),
                `no reason mentions "${row.reason}": ${JSON.stringify(failures)}`,
            );
            for (const value of configStrings(row.inputs)) {
                assert.ok(
                    failures.every((failure) => !failure.reason.includes(value)),
                    "a reason echoes a config value (a URL or secret is a credential)",
                );
            }
            passed += 1;
        });
    }

    it("sends no request to hookstream for the whole matrix", function () {
        assert.deepEqual(
            emulator.requests.map((request) => `${request.method} ${request.path}`),
            [],
        );
    });
});
