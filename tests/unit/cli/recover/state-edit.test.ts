import { notificationChannel } from "../../../../provider/notification-channel/kind";
import assert from "node:assert/strict";
import type { Decision } from "../../../../cli/recover/plan";
import type { StackExport } from "../../../../cli/recover/pulumi-cli";
import {
    applyDecisions,
    managed,
    otherPendingCreates,
    pendingCreates,
    pendingFinishSteps,
} from "../../../../cli/recover/state-edit";
import { createFinishTypeToken } from "../../../../provider/create-finish/type-token";
import type { Channel } from "../../../../provider/notification-channel/response";

const ciphertext = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: "v1:abc" };
const urnOf = (name: string, type = notificationChannel.tokens.dynamic) => `urn:pulumi:dev::infra::${type}::${name}`;

function pending(name: string, type = notificationChannel.tokens.dynamic, operation = "creating") {
    return {
        type: operation,
        resource: {
            urn: urnOf(name, type),
            custom: true,
            type,
            parent: "urn:pulumi:dev::infra::pulumi:pulumi:Stack::infra-dev",
            provider: "urn:pulumi:dev::infra::pulumi:providers:pulumi-nodejs::default::1",
            inputs: {
                __provider: "exports.handler = …",
                name,
                channelType: "webhook",
                config: { url: "https://ops.example.com", secret: ciphertext },
                enabled: true,
                verify: true,
            },
        },
    };
}

const state: StackExport = {
    version: 3,
    deployment: {
        manifest: {},
        resources: [
            { urn: "urn:pulumi:dev::infra::pulumi:pulumi:Stack::infra-dev", type: "pulumi:pulumi:Stack" },
            {
                urn: urnOf("kept"),
                type: notificationChannel.tokens.dynamic,
                id: "nc_kept",
                outputs: { envId: "env_1", __createToken: "fedcba9876543210.mi4" },
            },
            // What a replacement the engine finished left for the next `up` to delete: not the URN's resource.
            {
                urn: urnOf("kept"),
                type: notificationChannel.tokens.dynamic,
                id: "nc_replaced_earlier",
                delete: true,
                outputs: { envId: "env_1" },
            },
        ],
        pending_operations: [
            pending("settled"),
            pending("dropped"),
            pending("undecided"),
            pending("other", "aws:s3/bucket:Bucket"),
            pending("hookstream-create-finish", createFinishTypeToken),
            pending("updating", notificationChannel.tokens.dynamic, "updating"),
        ],
    },
};

const held: Channel = {
    id: "nc_new",
    envId: "env_1",
    name: "settled [creating 0123456789abcdef]",
    channelType: "webhook",
    config: { url: "https://ops.example.com" },
    enabled: true,
    createdAt: "2026-11-29T10:00:01Z",
};

describe("recover: the stack state it reads and writes", () => {
    it("finds only pending creates of pulumi-hookstream resources", () => {
        assert.deepEqual(
            pendingCreates(state).map((p) => p.urn),
            [urnOf("settled"), urnOf("dropped"), urnOf("undecided")],
        );
        assert.deepEqual(otherPendingCreates(state), [urnOf("other", "aws:s3/bucket:Bucket")]);
        assert.deepEqual(pendingFinishSteps(state), [urnOf("hookstream-create-finish", createFinishTypeToken)]);
        assert.deepEqual(managed(state), {
            ids: new Set(["nc_kept", "nc_replaced_earlier"]),
            envIds: new Set(["env_1"]),
            byUrn: new Map([[urnOf("kept"), { id: "nc_kept", createToken: "fedcba9876543210.mi4" }]]),
        });
    });

    it("records a settled create as a resource, drops a dropped one and a finishing step, and leaves the rest pending", () => {
        const [settled, dropped, undecided] = pendingCreates(state);
        const decisions: Decision[] = [
            {
                action: "settle",
                pending: settled!,
                because: "",
                object: { ...held, kind: "NotificationChannel", type: "webhook" },
            },
            { action: "drop", pending: dropped!, because: "" },
            { action: "unresolved", pending: undecided!, candidates: [], because: "" },
        ];
        const edited = applyDecisions(state, decisions, new Map([["nc_new", held]]));
        assert.deepEqual(
            edited.deployment.pending_operations!.map((p) => p.resource.urn),
            [urnOf("undecided"), urnOf("other", "aws:s3/bucket:Bucket"), urnOf("updating")],
        );
        const recorded = edited.deployment.resources!.at(-1)!;
        assert.equal(recorded.urn, urnOf("settled"));
        assert.equal(recorded.id, "nc_new");
        assert.equal(recorded.provider, pending("settled").resource.provider);
        assert.equal(recorded.parent, pending("settled").resource.parent);
        // What hookstream holds, the marked name included, so the next `up` finishes the create as an update.
        assert.equal(recorded.outputs!.name, held.name);
        assert.equal(recorded.outputs!.envId, "env_1");
        // The secret stays the ciphertext it was; the test delivery is asked for again.
        assert.deepEqual((recorded.outputs!.config as Record<string, unknown>).secret, ciphertext);
        assert.equal(recorded.outputs!.verification, "failed");
        assert.equal(recorded.outputs!.__provider, "exports.handler = …");
        assert.equal(state.deployment.pending_operations!.length, 6, "the input is not changed");
        assert.deepEqual(
            edited.deployment.resources!.filter((r) => r.delete === true).map((r) => r.id),
            ["nc_replaced_earlier"],
            "a create that replaces nothing marks nothing for deletion",
        );
    });

    it("records a settled replacement beside the object it replaces, which it marks for the next `up` to delete", () => {
        const replacement = { ...pending("kept"), resource: { ...pending("kept").resource } };
        const withReplacement: StackExport = {
            ...state,
            deployment: { ...state.deployment, pending_operations: [replacement] },
        };
        const [create] = pendingCreates(withReplacement);
        const decision: Decision = {
            action: "settle",
            pending: create!,
            because: "",
            object: { ...held, kind: "NotificationChannel", type: "webhook" },
            replaces: "nc_kept",
        };
        const edited = applyDecisions(withReplacement, [decision], new Map([["nc_new", held]]));
        const ofUrn = edited.deployment.resources!.filter((r) => r.urn === urnOf("kept"));
        assert.deepEqual(
            ofUrn.map((r) => [r.id, r.delete === true]),
            [
                ["nc_kept", true],
                ["nc_replaced_earlier", true],
                ["nc_new", false],
            ],
        );
        assert.deepEqual(edited.deployment.pending_operations, []);
        assert.equal(state.deployment.resources![1]!.delete, undefined, "the input is not changed");
    });
});
