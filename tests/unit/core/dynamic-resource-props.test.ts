import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel } from "../../../provider";

/**
 * The URN a resource class sends its provider (`__urn`, for create tokens and messages) is the URN the engine gives
 * the resource: sent as a plain string without a parent, and once the parent's is known under one.
 */
describe("the URN a resource class sends", function () {
    const sent = new Map<string, unknown>();

    before(async function () {
        await pulumi.runtime.setMocks(
            {
                newResource(args) {
                    sent.set(args.name, args.inputs.__urn);
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: () => ({}),
            },
            "urns",
            "dev",
            false,
        );
    });

    const urnOf = (resource: pulumi.Resource) =>
        new Promise<string>((resolve) => resource.urn.apply((urn) => resolve(urn)));
    const email = { channelType: "email" as const, config: { recipients: ["ops@example.com"] } };

    it("is the engine's URN for a resource without a parent", async function () {
        const channel = new NotificationChannel("root", email);
        const urn = await urnOf(channel);
        assert.equal(sent.get("root"), urn);
        assert.equal(urn, `urn:pulumi:dev::urns::${NotificationChannel.typeToken}::root`);
    });

    it("is the engine's URN for a resource under a component", async function () {
        const team = new pulumi.ComponentResource("acme:index:Team", "team");
        const channel = new NotificationChannel("child", email, { parent: team });
        const urn = await urnOf(channel);
        assert.equal(sent.get("child"), urn);
        assert.match(urn, /::acme:index:Team\$pulumi-nodejs:dynamic\/hookstream:NotificationChannel::child$/);
    });
});
