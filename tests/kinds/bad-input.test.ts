import assert from "node:assert/strict";
import type { CheckFailure } from "../../provider/core/check";
import { describeEachKind } from "./each-kind";
import type { Bag } from "./kind-case";

/**
 * Each kind's bad-input table through its built provider's `check`: every row fails at its property with its reason,
 * no reason echoes a credential (the table's sensitive arguments), and not one row reaches the server.
 */

/** The argument a property path starts in: `ruleConfig.threshold` → `ruleConfig`, `channelIds[1]` → `channelIds`. */
const argumentOf = (property: string) => property.split(/[.[]/)[0];

/** The inputs as the engine sends them: a property set to undefined is no property at all. */
const withoutUndefined = (inputs: Bag): Bag =>
    Object.fromEntries(Object.entries(inputs).filter(([, value]) => value !== undefined));

/** The strings in a value long enough to be a credential: URLs, secrets. */
function longStrings(value: unknown): string[] {
    if (typeof value === "string") return value.length >= 12 ? [value] : [];
    if (Array.isArray(value)) return value.flatMap(longStrings);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(longStrings);
    return [];
}

describeEachKind("check of bad input", (k) => {
    it("accepts the kind's valid inputs, so the rows test themselves and not the table", async function () {
        const outcome = await k.provider.check!({}, k.declared("valid"));
        assert.deepEqual(outcome.failures ?? [], []);
    });

    it("rejects every row at its property with its reason, and sends no request", async function () {
        assert.ok(k.table.badInputs.length > 0, "the kind has a bad-input table");
        for (const row of k.table.badInputs) {
            const checked = await k.provider.check!({}, withoutUndefined(row.inputs));
            // The provider's failures carry the argument path beside the engine's empty property (core/check.ts).
            const failures = (checked.failures ?? []) as CheckFailure[];
            const label = `${row.title}: ${JSON.stringify(failures)}`;
            assert.ok(failures.length > 0, `check accepted ${row.title}`);
            assert.deepEqual(
                failures.filter((failure) => argumentOf(failure.path) !== argumentOf(row.property)),
                [],
                `failures outside ${argumentOf(row.property)}: ${label}`,
            );
            assert.ok(
                failures.some(
                    (failure) =>
                        failure.path === row.property &&
                        failure.reason.toLowerCase().includes(row.reason.toLowerCase()),
                ),
                `no failure at ${JSON.stringify(row.property)} mentions "${row.reason}": ${label}`,
            );
            for (const value of k.table.sensitiveArguments.flatMap((key) => longStrings(row.inputs[key]))) {
                assert.ok(
                    failures.every((failure) => !failure.reason.includes(value)),
                    `a reason echoes a credential: ${label}`,
                );
            }
        }
        assert.deepEqual(k.calls(), []);
    });
});
