import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel } from "../../../provider";
import { createFinishTypeToken } from "../../../provider/create-finish/type-token";

/**
 * What the dynamic host's resource classes register, under Pulumi's mocks: each resource declared with arguments
 * gets a `CreateFinish` child fed by its id, name, `enabled` and the marker its create leaves; a read-only `get`
 * gets none.
 */

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

describe("the resource classes' finishing steps", function () {
    const registered: Registered[] = [];

    before(async function () {
        await pulumi.runtime.setMocks(
            {
                newResource(args) {
                    registered.push({
                        type: args.type,
                        name: args.name,
                        inputs: args.inputs as Record<string, unknown>,
                    });
                    const state = { ...args.inputs, __createMarker: "0123456789abcdef" };
                    return { id: `${args.name}-id`, state };
                },
                call: () => ({}),
            },
            "finish",
            "dev",
            false,
        );
        new NotificationChannel("ops", { channelType: "email", config: { recipients: ["ops@example.com"] } });
        new AlertRule("slow", { ruleType: "latency", ruleConfig: { thresholdMs: 2000 }, enabled: false });
        NotificationChannel.get("elsewhere", "nc_1");
        await pulumi.runtime.disconnect();
    });

    const finishing = () => registered.filter((r) => r.type === createFinishTypeToken);

    it("registers one CreateFinish per declared resource, named as the resource", function () {
        assert.deepEqual(
            finishing()
                .map((r) => r.name)
                .sort(),
            ["ops", "slow"],
        );
    });

    it("feeds it the resource's id, declared name and enabled, and the marker its create left", function () {
        const rule = finishing().find((r) => r.name === "slow")!;
        assert.deepEqual(
            { ...rule.inputs, __provider: undefined },
            {
                __provider: undefined,
                resource: "AlertRule",
                objectId: "slow-id",
                name: "slow",
                enabled: false,
                marker: "0123456789abcdef",
            },
        );
    });

    it("asks the resource's create to leave the marker on for it", function () {
        const channel = registered.find((r) => r.type === NotificationChannel.typeToken && r.name === "ops")!;
        assert.equal(channel.inputs.__finishAfterSave, true);
    });

    it("registers none for a read-only `get`", function () {
        assert.equal(
            finishing().some((r) => r.name === "elsewhere"),
            false,
        );
    });
});
