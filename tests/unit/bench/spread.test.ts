import assert from "node:assert/strict";
import { ratioInterval } from "../../../bench/spread";

describe("ratioInterval", () => {
    it("brackets the ratio of medians, and is the same for the same samples", () => {
        const baseline = [10, 11, 9, 10, 12, 10, 9, 11];
        const subject = baseline.map((value) => value * 1.5);
        const interval = ratioInterval(subject, baseline)!;
        assert.ok(interval[0] <= 1.5 && 1.5 <= interval[1], `${interval}`);
        assert.deepEqual(ratioInterval(subject, baseline), interval);
    });

    it("is wider for noisy samples than for steady ones", () => {
        const steady = ratioInterval([10, 10, 10.1, 9.9, 10, 10], [10, 10, 10, 10.1, 9.9, 10])!;
        const noisy = ratioInterval([5, 15, 10, 20, 8, 12], [10, 4, 16, 10, 9, 11])!;
        assert.ok(noisy[1] - noisy[0] > 5 * (steady[1] - steady[0]));
    });

    it("gives no interval for a single sample", () => {
        assert.equal(ratioInterval([1], [1, 2]), undefined);
    });
});
