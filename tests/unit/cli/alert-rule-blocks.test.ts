import assert from "node:assert/strict";
import { ruleBlocks } from "../../../cli/alert-rule-blocks";
import { declarationText } from "../../../cli/discover";
import type { Rule } from "../../../provider/alert-rule/response";

function rule(overrides: Partial<Rule>): Rule {
    return {
        id: "ar_1",
        name: "Errors",
        ruleType: "failure_rate",
        ruleConfig: { threshold: 0.1 },
        channelIds: [],
        cooldownMinutes: 60,
        enabled: true,
        ...overrides,
    };
}

/** The discovered channels' variables, by id. */
function context(channels: Record<string, string> = {}) {
    return { variables: new Map(Object.entries(channels)), variable: "unused", secret: () => assert.fail("no secret") };
}

/** The rule's declaration as discover writes it, under the resource name `rule-<id>`. */
function renderRuleBlock(r: Rule, ctx: ReturnType<typeof context>): string {
    const block = ruleBlocks.render(r, ctx);
    return "skipped" in block ? `// ${block.skipped}` : declarationText("AlertRule", `rule-${r.id}`, undefined, block);
}

describe("discover: rendering an alert rule", function () {
    it("adopts the rule by id and declares every field as hookstream holds it", function () {
        const latency = rule({
            id: "ar_9",
            name: 'Slow "checkout"',
            ruleType: "latency",
            ruleConfig: { thresholdMs: 2000, percentileTarget: 95 },
            description: "p95 above 2 s",
            sourceId: "src_1",
            destinationId: "dst_1",
            cooldownMinutes: 15,
            enabled: false,
        });
        assert.equal(
            renderRuleBlock(latency, context()),
            [
                'new AlertRule("rule-ar_9", {',
                '    adopt: "ar_9",',
                '    ruleType: "latency",',
                "    ruleConfig: { thresholdMs: 2000, percentileTarget: 95 },",
                '    name: "Slow \\"checkout\\"",',
                '    description: "p95 above 2 s",',
                '    sourceId: "src_1",',
                '    destinationId: "dst_1",',
                "    channelIds: [],",
                "    cooldownMinutes: 15,",
                "    enabled: false,",
                "});",
            ].join("\n"),
        );
    });

    it("refers to discovered channels by variable, in hookstream's order", function () {
        const r = rule({ channelIds: ["nc_b", "nc_a"] });
        const code = renderRuleBlock(r, context({ nc_a: "ops", nc_b: "oncall" }));
        assert.match(code, /\n {4}channelIds: \[oncall\.id, ops\.id\],\n/);
        assert.equal(code.includes('"nc_a"'), false, "no raw id for a discovered channel");
        assert.equal(code.includes("//"), false, "no comment when every channel is known");
    });

    it("keeps the raw id of a channel outside the project, with a comment naming it", function () {
        const r = rule({ channelIds: ["nc_a", "nc_gone"] });
        const code = renderRuleBlock(r, context({ nc_a: "ops" }));
        assert.match(code, /^\/\/ "nc_gone" is not a channel of this project/);
        assert.match(code, /channelIds: \[ops\.id, "nc_gone"\],/);
    });

    it("writes ruleConfig in camelCase and an empty config as {}", function () {
        const issue = rule({ id: "ar_2", ruleType: "issue_opened", ruleConfig: {} });
        assert.match(renderRuleBlock(issue, context()), /ruleConfig: \{\},/);
        const latency = rule({ ruleType: "latency", ruleConfig: { thresholdMs: 500 } });
        assert.match(renderRuleBlock(latency, context()), /ruleConfig: \{ thresholdMs: 500 \},/);
    });

    it("leaves out a description hookstream holds as empty, which the provider reads as none", function () {
        const r = rule({ description: "" });
        assert.equal(renderRuleBlock(r, context()).includes("description"), false);
    });

    it("leaves out a rule of a type this version does not know, saying why", function () {
        const r = rule({ id: "ar_x", name: "future", ruleType: "anomaly", ruleConfig: { sigma: 3 } });
        const code = renderRuleBlock(r, context());
        assert.equal(code.includes("new AlertRule"), false);
        assert.match(code, /^\/\/ Alert rule ar_x \("future"\) is left out: its type "anomaly" is not one/);
    });
});
