import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel } from "../../../provider";
import { programFinishName } from "../../../provider/create-finish/resource";
import { createFinishTypeToken } from "../../../provider/create-finish/type-token";

/**
 * What the dynamic host's resource classes register, under Pulumi's mocks: one `CreateFinish` step for the program,
 * fed by each declared resource's id, name, `enabled` and the marker its create leaves, and registered once they all
 * have their ids (those declared in their callbacks included); a resource declared after that gets a step of its own;
 * a read-only `get` is in none.
 */

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
    dependencies: string[];
}

interface Member {
    resource: string;
    objectId: string;
    name: string;
    enabled: boolean;
    marker: string;
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
                        dependencies: [],
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
        const ops = new NotificationChannel("ops", {
            channelType: "email",
            config: { recipients: ["ops@example.com"] },
        });
        new AlertRule("slow", { ruleType: "latency", ruleConfig: { thresholdMs: 2000 }, enabled: false });
        // Declared in the callback of a member's output: still a member.
        ops.id.apply(
            (id) =>
                new AlertRule("routed", { ruleType: "latency", ruleConfig: { thresholdMs: 500 }, channelIds: [id] }),
        );
        NotificationChannel.get("elsewhere", "nc_1");
        // Declared once the program's step has been sent: a step of its own.
        for (let tries = 0; tries < 500 && !registered.some((r) => r.name === programFinishName); tries++) {
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
        new NotificationChannel("late", { channelType: "email", config: { recipients: ["late@example.com"] } });
        await pulumi.runtime.disconnect();
    });

    const finishing = () => registered.filter((r) => r.type === createFinishTypeToken);
    const membersOf = (step: Registered | undefined) => (step?.inputs.members ?? []) as Member[];

    it("registers one step for the program and one for the resource declared after it", function () {
        assert.deepEqual(
            finishing()
                .map((r) => r.name)
                .sort(),
            [programFinishName, "late"].sort(),
        );
    });

    it("feeds the program's step every declared resource's id, name, enabled and marker, and no `get`", function () {
        const members = membersOf(finishing().find((r) => r.name === programFinishName));
        assert.deepEqual(
            members.map((m) => m.objectId),
            ["ops-id", "slow-id", "routed-id"],
        );
        assert.deepEqual(
            members.find((m) => m.objectId === "slow-id"),
            { resource: "AlertRule", objectId: "slow-id", name: "slow", enabled: false, marker: "0123456789abcdef" },
        );
    });

    it("is registered only after its members, so the engine saves their ids first", function () {
        const order = registered.map((r) => r.name);
        const step = order.indexOf(programFinishName);
        for (const member of ["ops", "slow", "routed"]) assert.ok(order.indexOf(member) < step, member);
    });

    it("gives a late resource its own step with it alone", function () {
        assert.deepEqual(
            membersOf(finishing().find((r) => r.name === "late")).map((m) => m.objectId),
            ["late-id"],
        );
    });

    it("asks each resource's create to leave the marker on for it", function () {
        const channel = registered.find((r) => r.type === NotificationChannel.typeToken && r.name === "ops")!;
        assert.equal(channel.inputs.__finishAfterSave, true);
    });
});
