import assert from "node:assert/strict";
import type { CycleResult, EngineProgram } from "../../../bench/engine-cost";
import { engineFigures } from "../../../bench/engine-figures";

const program = (key: string, label: string): EngineProgram => ({
    key,
    label,
    workDir: `/bench/${key}`,
    channels: true,
});
const programs = [program("floor", "floor"), program("packed", "packed"), program("native", "native")];

/** One run whose every operation took `seconds`, having sent `requests` requests. */
function run(seconds: number, requests = 0, peakRss = 0): CycleResult {
    const each = { up: seconds, preview: seconds, refresh: seconds, destroy: seconds };
    const sent = { up: requests, preview: requests, refresh: requests, destroy: requests };
    return { seconds: each, refreshes: [seconds], requests: sent, peakRss };
}

describe("engineFigures", () => {
    // Three rounds: the floor 10 s, the dynamic (packed) 8 s, the native 6 s in each.
    const runs = [
        [run(10), run(10), run(10)],
        [run(8, 100, 200 * 2 ** 20), run(8, 100, 200 * 2 ** 20), run(8, 100, 200 * 2 ** 20)],
        [run(6, 100, 120 * 2 ** 20), run(6, 100, 120 * 2 ** 20), run(6, 100, 120 * 2 ** 20)],
    ];
    const comparisons = [{ subject: "native", baseline: "packed", goal: 1.0 }];
    const { figures, memory } = engineFigures({
        group: "3 whole engine",
        size: 100,
        programs,
        runs,
        comparisons,
        requests: false,
        memory: true,
    });

    it("reports each operation's subjects against the floor, then the native host against the dynamic one", () => {
        assert.deepEqual(
            figures.slice(0, 6).map((f) => f.label),
            [
                "up ×100, packed",
                "up ×100, native",
                "up ×100, native ÷ packed",
                "preview ×100, packed",
                "preview ×100, native",
                "preview ×100, native ÷ packed",
            ],
        );
        assert.equal(figures.length, 12);
    });

    it("divides the native host's median by the dynamic host's, from the same rounds, against the comparison's goal", () => {
        const up = figures.find((f) => f.label === "up ×100, native ÷ packed")!;
        assert.deepEqual([up.subject, up.baseline, up.ratio, up.baselineName], [6, 8, 0.75, "packed"]);
        assert.deepEqual(up.goal, { max: 1.0 });
        assert.equal(up.pass, true);
        assert.deepEqual(up.samples, { subject: [6, 6, 6], baseline: [8, 8, 8] });
    });

    it("holds each subject to the floor", () => {
        const native = figures.find((f) => f.label === "destroy ×100, native")!;
        assert.deepEqual([native.ratio, native.baselineName], [0.6, "floor program"]);
    });

    it("leaves a comparison out when one of its programs did not run at the size", () => {
        const { figures: alone } = engineFigures({
            group: "3 whole engine",
            size: 100,
            programs: programs.slice(0, 2),
            runs: runs.slice(0, 2),
            comparisons,
            requests: false,
            memory: false,
        });
        assert.deepEqual(
            alone.map((f) => f.label),
            ["up ×100, packed", "preview ×100, packed", "refresh ×100, packed", "destroy ×100, packed"],
        );
    });

    it("reports a build against the one before it without a goal (BENCH_ENGINE_BEFORE)", () => {
        const { figures: withBefore } = engineFigures({
            group: "3 whole engine",
            size: 100,
            programs: [...programs.slice(0, 2), program("before", "packed v1")],
            runs: [runs[0]!, runs[1]!, [run(10), run(10), run(10)]],
            comparisons: [{ subject: "packed", baseline: "before" }],
            requests: false,
            memory: false,
        });
        const refresh = withBefore.find((f) => f.label === "refresh ×100, packed ÷ packed v1")!;
        assert.deepEqual(
            [refresh.ratio, refresh.baselineName, refresh.goal, refresh.pass],
            [0.8, "packed v1", undefined, undefined],
        );
    });

    it("reports each host's peak RSS in MiB against the floor's host", () => {
        assert.deepEqual(
            memory.map((f) => [f.label, f.subject]),
            [
                ["host peak RSS, up ×100, packed", 200],
                ["host peak RSS, up ×100, native", 120],
            ],
        );
    });

    it("counts each subject's requests when asked to", () => {
        const { figures: distant } = engineFigures({
            group: "7 distant API",
            size: 100,
            programs,
            runs,
            comparisons,
            requests: true,
            memory: false,
        });
        const refresh = distant.filter((f) => f.unit === "req" && f.label.startsWith("refresh"));
        assert.deepEqual(
            refresh.map((f) => [f.label, f.subject]),
            [
                ["refresh ×100 requests, packed", 100],
                ["refresh ×100 requests, native", 100],
            ],
        );
    });
});
