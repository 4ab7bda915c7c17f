import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AlertRule } from "../../provider";
import { ProviderHost } from "../support/provider-host";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The `__provider` text a program stores for an AlertRule, from a rule constructed under Pulumi's mocks. */
async function serializedRuleProvider(): Promise<{ text: string; inputs: Record<string, unknown> }> {
    let found: { text: string; inputs: Record<string, unknown> } | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                found = { text: String(args.inputs.__provider), inputs: args.inputs };
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        "hookstream-test",
        "test",
        false,
    );
    const rule = new AlertRule("probe", { ruleType: "issue_opened", channelIds: ["nc_1"] });
    await new Promise<void>((resolve) => rule.urn.apply(() => resolve()));
    if (!found) throw new Error("the mocks saw no resource");
    return found;
}

/**
 * AlertRule through the dynamic-provider host over gRPC, for what needs no API: the stored shim resolves the AlertRule
 * provider from the built package (`npm run build` first), check judges the inputs, diff replaces on ruleType.
 */
describe("AlertRule through the dynamic-provider host", function () {
    let host: ProviderHost;
    let programInputs: Record<string, unknown>;

    before(async function () {
        const { text, inputs } = await serializedRuleProvider();
        programInputs = inputs;
        // The shim captures only its kind's name, which selects the AlertRule provider in the host.
        assert.match(text, /"AlertRule"/);
        host = await ProviderHost.start(text);
        await host.configure({
            "hookstream:apiKey": "hs_test_" + "a".repeat(64),
            "hookstream:baseUrl": "http://127.0.0.1:9/v1",
        });
    });

    after(async function () {
        await host?.stop();
    });

    it("sends the program's defaults: the resource name, an empty config, 60 minutes, enabled", function () {
        assert.equal(programInputs.name, "probe");
        assert.deepEqual(programInputs.ruleConfig, {});
        assert.equal(programInputs.cooldownMinutes, 60);
        assert.equal(programInputs.enabled, true);
    });

    it("rejects invalid inputs at check with their property paths", async function () {
        const { failures } = await host.check({
            ruleType: "failure_rate",
            name: "errors",
            ruleConfig: { threshold: 10 },
            channelIds: ["nc_1", "nc_1"],
        });
        assert.deepEqual(
            failures.map((f) => f.path),
            ["ruleConfig.threshold", "channelIds[1]"],
        );
    });

    it("accepts channel ids unknown at preview", async function () {
        const { failures } = await host.check({
            ruleType: "latency",
            name: "slow",
            ruleConfig: { thresholdMs: 2000 },
            channelIds: [unknown],
        });
        assert.deepEqual(failures, []);
    });

    it("replaces on a ruleType change and ignores channel order", async function () {
        const olds = {
            ruleType: "dlq",
            ruleConfig: { threshold: 5 },
            name: "d",
            channelIds: ["a", "b"],
            triggerCount: 4,
        };
        assert.deepEqual(await host.diff("ar_1", olds, { ...olds, channelIds: ["b", "a"], triggerCount: 0 }), {
            changes: "none",
            replaces: [],
        });
        const replaced = await host.diff("ar_1", olds, { ...olds, ruleType: "issue_opened", ruleConfig: {} });
        assert.deepEqual(replaced, { changes: "some", replaces: ["ruleType"] });
    });
});
