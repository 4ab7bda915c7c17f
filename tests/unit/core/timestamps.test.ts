import assert from "node:assert/strict";
import { toIsoTimestamp } from "../../../provider/core/timestamps";

describe("toIsoTimestamp", () => {
    const cases: [string, string][] = [
        ["2026-02-28 10:00:00", "2026-02-28T10:00:00Z"],
        ["2026-02-28T10:00:00Z", "2026-02-28T10:00:00Z"],
        ["2026-02-28T10:00:00", "2026-02-28T10:00:00Z"],
        ["2026-02-28 10:00:00.250", "2026-02-28T10:00:00.250Z"],
        ["2026-02-28T10:00:00.123Z", "2026-02-28T10:00:00.123Z"],
        ["2026-02-28T12:00:00+02:00", "2026-02-28T10:00:00Z"],
        ["2026-12-31 23:59:59", "2026-12-31T23:59:59Z"],
        ["2026-12-31 23:59:59Z", "2026-12-31T23:59:59Z"],
        ["2026-02-28T10:00:00.000", "2026-02-28T10:00:00Z"],
    ];
    for (const [input, expected] of cases) {
        it(`turns ${JSON.stringify(input)} into ${expected}`, () => {
            assert.equal(toIsoTimestamp(input), expected);
        });
    }

    it("reads a zoneless SQLite timestamp as UTC whatever the local zone", () => {
        const zone = process.env.TZ;
        process.env.TZ = "America/Los_Angeles";
        try {
            assert.equal(toIsoTimestamp("2026-07-01 00:30:00"), "2026-07-01T00:30:00Z");
        } finally {
            if (zone === undefined) delete process.env.TZ;
            else process.env.TZ = zone;
        }
    });

    for (const garbage of ["yesterday", "", "2026-02-30T99:99:99Z"]) {
        it(`passes ${JSON.stringify(garbage)} through untouched`, () => {
            assert.equal(toIsoTimestamp(garbage), garbage);
        });
    }
});
