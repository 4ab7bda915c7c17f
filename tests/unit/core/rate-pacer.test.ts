import assert from "node:assert/strict";
import { RatePacer } from "../../../provider/core/rate-pacer";

function headers(limit: number, remaining: number, reset: number) {
    return {
        "ratelimit-limit": String(limit),
        "ratelimit-remaining": String(remaining),
        "ratelimit-reset": String(reset),
    };
}

describe("RatePacer", function () {
    let now: number;
    let pacer: RatePacer;

    beforeEach(function () {
        now = 1_000_000;
        pacer = new RatePacer(() => now);
    });

    it("lets requests through while nothing is known", function () {
        for (let i = 0; i < 100; i++) assert.equal(pacer.reserve(), 0);
    });

    it("spends the reported budget, then waits until the window resets", function () {
        pacer.observe(headers(10, 3, 2));
        assert.deepEqual([pacer.reserve(), pacer.reserve(), pacer.reserve()], [0, 0, 0]);
        assert.equal(pacer.reserve(), 2_000);
        now += 500;
        assert.equal(pacer.reserve(), 1_500);
    });

    it("assumes a full window once the reset time has passed", function () {
        pacer.observe(headers(4, 0, 1));
        assert.equal(pacer.reserve(), 1_000);
        now += 1_000;
        assert.deepEqual([pacer.reserve(), pacer.reserve(), pacer.reserve(), pacer.reserve()], [0, 0, 0, 0]);
        assert.ok(pacer.reserve() > 0, "the fifth request of the new window waits");
    });

    it("keeps the stricter count when answers of one window arrive out of order", function () {
        pacer.observe(headers(10, 2, 5));
        pacer.observe(headers(10, 7, 5));
        assert.deepEqual([pacer.reserve(), pacer.reserve()], [0, 0]);
        assert.ok(pacer.reserve() > 0);
    });

    it("takes a later reset as a new window with its own budget", function () {
        pacer.observe(headers(10, 0, 1));
        now += 900;
        pacer.observe(headers(10, 9, 60));
        assert.equal(pacer.reserve(), 0);
    });

    it("ignores responses without complete RateLimit headers", function () {
        pacer.observe({ "ratelimit-limit": "10" });
        pacer.observe({ "ratelimit-limit": "x", "ratelimit-remaining": "0", "ratelimit-reset": "1" });
        assert.equal(pacer.reserve(), 0);
    });

    it("counts requests sent before the first answer against the budget that answer reports", function () {
        for (let i = 0; i < 5; i++) assert.equal(pacer.reserve(), 0);
        pacer.observe(headers(10, 9, 1)); // the first answer counted only its own request
        assert.deepEqual(
            [pacer.reserve(), pacer.reserve(), pacer.reserve(), pacer.reserve(), pacer.reserve()],
            [0, 0, 0, 0, 0],
        );
        assert.ok(pacer.reserve() > 0, "5 blind + 5 paced = 10 = the limit");
    });

    it("takes the earliest reset of a window, since the header is rounded up to whole seconds", function () {
        pacer.observe(headers(10, 0, 2));
        now += 400;
        pacer.observe(headers(10, 0, 1));
        assert.equal(pacer.reserve(), 1_000);
    });
});
