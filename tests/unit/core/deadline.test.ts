import * as assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { deadlineSignal } from "../../../provider/core/deadline";

describe("deadlineSignal", function () {
    it("gives operations that start together one signal per budget", function () {
        const first = deadlineSignal(60_000);
        assert.equal(deadlineSignal(60_000), first);
        assert.notEqual(deadlineSignal(61_000), first);
    });

    it("starts a new signal once the slice of time is over, so no operation gets less than its budget", async function () {
        const first = deadlineSignal(500); // a slice of 5 ms
        await sleep(20);
        assert.notEqual(deadlineSignal(500), first);
    });

    it("fires after the budget with a TimeoutError, as AbortSignal.timeout does", async function () {
        const signal = deadlineSignal(100);
        assert.equal(signal.aborted, false);
        await sleep(400);
        assert.equal(signal.aborted, true);
        assert.equal((signal.reason as Error).name, "TimeoutError");
    });
});
