import assert from "node:assert/strict";
import { renderChart } from "../../../bench/chart";
import { figure } from "../../../bench/figure";

describe("renderChart", () => {
    const withSamples = figure({
        group: "1 provider overhead",
        label: "create ×200 @16",
        unit: "µs/op",
        subject: 120,
        baseline: 100,
        baselineName: "undici direct",
        goal: { max: 1.15 },
        samples: { subject: [110, 120, 130, 125, 115], baseline: [95, 100, 105, 100, 98] },
    });
    const single = figure({
        group: "2 size",
        label: "__provider",
        unit: "B",
        subject: 262,
        baseline: 2048,
        baselineName: "budget",
    });

    it("draws a whisker across each ratio's interval and writes the interval beside the ratio", () => {
        const svg = renderChart([withSamples, single], "test");
        assert.equal(svg.match(/<line [^>]*y1="(\d+(\.\d+)?)" y2="\1" class="interval"\/>/g)?.length, 1);
        const [low, high] = withSamples.interval!;
        assert.ok(svg.includes(`1.20× [${low.toFixed(2)}–${high.toFixed(2)}]`), svg);
        assert.ok(svg.includes("0.13× (262 vs 2048 B)"));
    });

    it("ends an interval past the scale in an arrow", () => {
        const noisy = figure({
            ...withSamples,
            samples: { subject: [100, 900, 120, 800, 110], baseline: [100, 10, 100, 90, 100] },
        });
        const svg = renderChart([noisy], "test");
        assert.ok(noisy.interval![1] > 4, `${noisy.interval}`);
        assert.match(svg, /class="off-scale"/);
    });
});
