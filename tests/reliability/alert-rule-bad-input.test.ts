import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { ProviderHost } from "../support/provider-host";
import { badInputCases } from "../unit/alert-rule/bad-input-cases";
import { serializedRuleProvider } from "./alert-rule-provider-text";

/**
 * The AlertRule bad-input matrix of tests/unit/alert-rule/bad-input-cases.ts, sent the way the engine sends it: over
 * gRPC to the real dynamic-provider host, which deserializes the stored AlertRule shim and loads the built provider.
 * Every row must fail `check` at exactly its property, and not one row may reach hookstream.
 */

const apiKey = "hs_test_" + "c".repeat(64);

/** The inputs as the engine sends them: a property set to undefined is no property at all. */
function withoutUndefined(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));
}

/** The argument a property path starts in: `ruleConfig.threshold` → `ruleConfig`, `channelIds[1]` → `channelIds`. */
const argumentOf = (property: string) => property.split(/[.[]/)[0];

describe("AlertRule check through the dynamic-provider host (bad-input matrix)", function () {
    let emulator: Emulator;
    let host: ProviderHost;
    let passed = 0;

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: "rule-bad-input" } });
        host = await ProviderHost.start(await serializedRuleProvider());
        await host.configure({ "hookstream:apiKey": apiKey, "hookstream:baseUrl": emulator.url });
        emulator.resetRequests();
    });

    after(async function () {
        console.log(`      alert-rule bad-input matrix: ${badInputCases.length} cases, ${passed} passed`);
        await host?.stop();
        await emulator?.close();
    });

    for (const row of badInputCases) {
        it(`rejects ${row.title} at ${JSON.stringify(row.property)}`, async function () {
            const { failures } = await host.check(withoutUndefined(row.inputs));
            assert.ok(failures.length > 0, "check accepted the input");
            // A config in the wrong spelling also misses the right one: more than one failure, all in one argument.
            assert.deepEqual(
                failures.filter((failure) => argumentOf(failure.path) !== argumentOf(row.property)),
                [],
                `failures outside ${JSON.stringify(argumentOf(row.property))}`,
            );
            assert.ok(
                failures.some(
                    (failure) =>
                        failure.path === row.property &&
                        failure.reason.toLowerCase().includes(row.reason.toLowerCase()),
                ),
                `no failure at ${JSON.stringify(row.property)} mentions "${row.reason}": ${JSON.stringify(failures)}`,
            );
            passed += 1;
        });
    }

    it("accepts a valid rule of every type, so the matrix tests the rows and not the host", async function () {
        for (const [ruleType, ruleConfig] of [
            ["failure_rate", { threshold: 0.1 }],
            ["latency", { thresholdMs: 2000, percentileTarget: 95 }],
            ["volume_drop", { threshold: 50 }],
            ["dlq", { threshold: 5 }],
            ["issue_opened", {}],
        ] as const) {
            const { failures } = await host.check({ ruleType, ruleConfig, name: "ok", channelIds: ["nc_1"] });
            assert.deepEqual(failures, [], ruleType);
        }
    });

    it("sends no request to hookstream for the whole matrix", function () {
        assert.deepEqual(
            emulator.requests.map((request) => `${request.method} ${request.path}`),
            [],
        );
    });
});
