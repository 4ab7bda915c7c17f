import * as assert from "node:assert/strict";
import { Deadline } from "../../../provider/core/deadline";
import { FakeClock } from "../../support/fake-clock";

/** Settles what a timer's run started (a promise's handlers) before the test looks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("Deadline", function () {
    let clock: FakeClock;

    beforeEach(function () {
        clock = new FakeClock();
    });

    it("aborts its signal with a TimeoutError once the budget has passed on the clock", function () {
        const deadline = new Deadline(1_000, clock);
        clock.advance(999);
        assert.equal(deadline.signal.aborted, false);
        clock.advance(1);
        assert.equal(deadline.signal.aborted, true);
        assert.equal(deadline.expired, true);
        assert.equal((deadline.signal.reason as Error).name, "TimeoutError");
        assert.equal(clock.pending, 0);
    });

    it("resolves a sleep after its delay on the clock, and keeps only the deadline's timer afterwards", async function () {
        const deadline = new Deadline(1_000, clock);
        let woke = false;
        const sleeping = deadline.sleep(300).then(() => (woke = true));
        clock.advance(299);
        await settle();
        assert.equal(woke, false);
        clock.advance(1);
        await sleeping;
        assert.equal(woke, true);
        assert.equal(clock.pending, 1);
        deadline.end();
    });

    it("rejects a pending sleep and clears its timer when the budget runs out", async function () {
        const deadline = new Deadline(1_000, clock);
        const sleeping = deadline.sleep(60_000);
        assert.equal(clock.pending, 2);
        clock.advance(1_000);
        await assert.rejects(sleeping, { name: "TimeoutError" });
        assert.equal(clock.pending, 0);
    });

    it("rejects a pending sleep with the caller's reason at once when the caller aborts, and clears every timer", async function () {
        const caller = new AbortController();
        const deadline = new Deadline(1_000, clock, caller.signal);
        const sleeping = deadline.sleep(60_000);
        const reason = new Error("the caller gave up");
        caller.abort(reason);
        await assert.rejects(sleeping, (error) => error === reason);
        assert.equal(deadline.expired, false);
        assert.equal(deadline.signal.reason, reason);
        assert.equal(clock.pending, 0);
    });

    it("starts aborted, with no timer, when the caller's signal already is", async function () {
        const reason = new Error("aborted before it started");
        const deadline = new Deadline(1_000, clock, AbortSignal.abort(reason));
        assert.equal(deadline.signal.aborted, true);
        await assert.rejects(deadline.sleep(10), (error) => error === reason);
        assert.equal(clock.pending, 0);
    });

    it("stops counting and stops listening to the caller once ended", function () {
        const caller = new AbortController();
        const deadline = new Deadline(1_000, clock, caller.signal);
        deadline.end();
        assert.equal(clock.pending, 0);
        caller.abort();
        clock.advance(10_000);
        assert.equal(deadline.signal.aborted, false);
    });
});
