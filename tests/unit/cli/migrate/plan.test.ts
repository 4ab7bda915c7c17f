import assert from "node:assert/strict";
import { planMigration, type MigrationPlan } from "../../../../cli/migrate/plan";
import type { StackExport, StateResource } from "../../../../cli/recover/pulumi-cli";

const secret = (ciphertext: string) => ({
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    ciphertext,
});
const prefix = "urn:pulumi:dev::infra";
const stackUrn = `${prefix}::pulumi:pulumi:Stack::infra-dev`;
const nodejsProvider = `${prefix}::pulumi:providers:pulumi-nodejs::default`;
const nodejsRef = `${nodejsProvider}::11111111-1111-1111-1111-111111111111`;
const dynamicChannel = "pulumi-nodejs:dynamic/hookstream:NotificationChannel";
const dynamicRule = "pulumi-nodejs:dynamic/hookstream:AlertRule";
const options = { providerId: "22222222-2222-2222-2222-222222222222", now: "2026-12-04T00:00:00.000Z" };
const nativeProvider = `${prefix}::pulumi:providers:hookstream::default`;
const nativeRef = `${nativeProvider}::${options.providerId}`;

function dynamicResource(type: string, name: string, extra: Partial<StateResource> = {}): StateResource {
    const urn = `${prefix}::${type}::${name}`;
    const bag = { __provider: "exports.handler = …", __urn: urn, __createToken: `token-${name}`, name, enabled: true };
    return {
        urn,
        custom: true,
        id: `id-${name}`,
        type,
        inputs: { ...bag },
        outputs: { ...bag, __keyFingerprint: "fp", envId: "env_1" },
        parent: stackUrn,
        provider: nodejsRef,
        propertyDependencies: { __provider: [], __urn: [], name: [], enabled: [] },
        ...extra,
    };
}

function stateOf(resources: StateResource[], pending: StackExport["deployment"]["pending_operations"] = []) {
    return { version: 3, deployment: { manifest: {}, resources, pending_operations: pending } } as StackExport;
}

const nodejsDefault: StateResource = {
    urn: nodejsProvider,
    custom: true,
    id: "11111111-1111-1111-1111-111111111111",
    type: "pulumi:providers:pulumi-nodejs",
    inputs: {
        "hookstream:apiKey": secret("v1:key"),
        "hookstream:baseUrl": "http://127.0.0.1:8787/v1",
        "infra:opsSecret": secret("v1:ops"),
        "infra:channels": "{}",
    },
    outputs: {},
};
const ops = dynamicResource(dynamicChannel, "ops", {
    inputs: {
        ...dynamicResource(dynamicChannel, "ops").inputs,
        channelType: "webhook",
        config: { url: "https://ops.example.com", secret: secret("v1:whsec") },
    },
});
const chat = dynamicResource(dynamicChannel, "chat");
const failures = dynamicResource(dynamicRule, "failures", {
    dependencies: [ops.urn, chat.urn],
    propertyDependencies: { __provider: [], channelIds: [ops.urn, chat.urn] },
});
const stack: StateResource = { urn: stackUrn, type: "pulumi:pulumi:Stack", custom: false };
const deployed = stateOf([stack, nodejsDefault, ops, chat, failures]);

function migrated(plan: MigrationPlan) {
    assert.equal(plan.action, "migrate", JSON.stringify(plan));
    return plan as Extract<MigrationPlan, { action: "migrate" }>;
}

function resource(plan: MigrationPlan, name: string): StateResource {
    return migrated(plan).state.deployment.resources!.find((r) => r.urn.endsWith(`::${name}`))!;
}

describe("planMigration", () => {
    it("gives each resource its native type and URN and keeps its id", () => {
        const plan = planMigration(deployed, options);
        assert.deepEqual(
            migrated(plan).moved.map((m) => [m.name, m.kind, m.id, m.to]),
            [
                ["ops", "NotificationChannel", "id-ops", `${prefix}::hookstream:index:NotificationChannel::ops`],
                ["chat", "NotificationChannel", "id-chat", `${prefix}::hookstream:index:NotificationChannel::chat`],
                ["failures", "AlertRule", "id-failures", `${prefix}::hookstream:index:AlertRule::failures`],
            ],
        );
        assert.deepEqual(
            ["ops", "chat", "failures"].map((name) => [resource(plan, name).type, resource(plan, name).id]),
            [
                ["hookstream:index:NotificationChannel", "id-ops"],
                ["hookstream:index:NotificationChannel", "id-chat"],
                ["hookstream:index:AlertRule", "id-failures"],
            ],
        );
    });

    it("points a rule's dependencies and property dependencies at its channels' new URNs", () => {
        const plan = planMigration(deployed, options);
        const channelUrns = [resource(plan, "ops").urn, resource(plan, "chat").urn];
        assert.deepEqual(resource(plan, "failures").dependencies, channelUrns);
        assert.deepEqual(resource(plan, "failures").propertyDependencies, { channelIds: channelUrns });
    });

    it("drops the serialized shim, moves __urn to the new URN and keeps every other value, secrets as ciphertext", () => {
        const moved = resource(planMigration(deployed, options), "ops");
        const { __provider: _inputShim, ...inputs } = ops.inputs!;
        const { __provider: _outputShim, ...outputs } = ops.outputs!;
        assert.deepEqual((moved.inputs!.config as { secret: unknown }).secret, secret("v1:whsec"));
        assert.deepEqual(moved.inputs, { ...inputs, __urn: moved.urn });
        assert.deepEqual(moved.outputs, { ...outputs, __urn: moved.urn });
    });

    it("removes the finishing step and the fields only it reads: the native create finishes itself", () => {
        const finishType = "pulumi-nodejs:dynamic/hookstream:CreateFinish";
        const members = [
            { resource: "NotificationChannel", objectId: "id-ops", name: "ops", enabled: true, marker: "m" },
        ];
        const finish: StateResource = {
            urn: `${prefix}::${finishType}::hookstream-create-finish`,
            custom: true,
            id: "finish",
            type: finishType,
            inputs: { members },
            outputs: { members },
            provider: nodejsRef,
            dependencies: [ops.urn],
        };
        const finishing = dynamicResource(dynamicChannel, "ops", {
            inputs: { ...ops.inputs, __finishAfterSave: true },
            outputs: { ...ops.outputs, __createMarker: "0123456789abcdef" },
        });
        const plan = migrated(planMigration(stateOf([stack, nodejsDefault, finishing, finish]), options));
        assert.deepEqual(
            plan.state.deployment.resources!.map((r) => r.type),
            ["pulumi:pulumi:Stack", "pulumi:providers:hookstream", "hookstream:index:NotificationChannel"],
        );
        const moved = resource(plan, "ops");
        assert.equal("__finishAfterSave" in moved.inputs!, false);
        assert.equal("__createMarker" in moved.outputs!, false);
        assert.deepEqual(plan.removedProviders, [nodejsProvider]);
    });

    it("adds the native default provider with the hookstream config, before the first moved resource", () => {
        const plan = migrated(planMigration(deployed, options));
        assert.deepEqual(plan.provider, { urn: nativeProvider, added: true, configKeys: ["apiKey", "baseUrl"] });
        const resources = plan.state.deployment.resources!;
        const provider = resources.find((r) => r.urn === nativeProvider)!;
        assert.deepEqual(provider.inputs, { apiKey: secret("v1:key"), baseUrl: "http://127.0.0.1:8787/v1" });
        assert.deepEqual(provider.outputs, provider.inputs);
        assert.equal(provider.id, options.providerId);
        assert.equal(resources.indexOf(provider), 1);
        assert.ok(resources.filter((r) => r.type.startsWith("hookstream:")).every((r) => r.provider === nativeRef));
    });

    it("takes the config from the pulumi-nodejs provider the moved resources name", () => {
        const versioned = { ...nodejsDefault, urn: `${nodejsProvider}_3_200_0`, inputs: { "hookstream:baseUrl": "x" } };
        const named = { ...ops, provider: `${versioned.urn}::${versioned.id}` };
        const plan = migrated(planMigration(stateOf([stack, nodejsDefault, versioned, named]), options));
        assert.deepEqual(plan.provider, { urn: nativeProvider, added: true, configKeys: ["baseUrl"] });
        assert.deepEqual(plan.removedProviders, [versioned.urn]);
    });

    it("removes the pulumi-nodejs default provider once no resource uses it", () => {
        const plan = migrated(planMigration(deployed, options));
        assert.deepEqual(plan.removedProviders, [nodejsProvider]);
        assert.deepEqual(
            plan.state.deployment.resources!.map((r) => r.type),
            [
                "pulumi:pulumi:Stack",
                "pulumi:providers:hookstream",
                "hookstream:index:NotificationChannel",
                "hookstream:index:NotificationChannel",
                "hookstream:index:AlertRule",
            ],
        );
    });

    it("keeps the pulumi-nodejs default provider while another dynamic resource uses it", () => {
        const other = dynamicResource("pulumi-nodejs:dynamic/acme:Thing", "thing");
        const plan = migrated(planMigration(stateOf([stack, nodejsDefault, ops, other]), options));
        assert.deepEqual(plan.removedProviders, []);
        assert.ok(plan.state.deployment.resources!.some((r) => r.urn === nodejsProvider));
        assert.deepEqual(resource(plan, "thing"), other);
    });

    it("uses a native default provider the stack already has, recorded before the resources it now serves", () => {
        const existing: StateResource = {
            urn: nativeProvider,
            custom: true,
            id: "33333333-3333-3333-3333-333333333333",
            type: "pulumi:providers:hookstream",
            inputs: { apiKey: secret("v1:key") },
        };
        const plan = migrated(planMigration(stateOf([stack, nodejsDefault, ops, existing]), options));
        assert.deepEqual(plan.provider, { urn: nativeProvider, added: false });
        assert.deepEqual(
            plan.state.deployment.resources!.map((r) => r.type),
            ["pulumi:pulumi:Stack", "pulumi:providers:hookstream", "hookstream:index:NotificationChannel"],
        );
        assert.equal(resource(plan, "ops").provider, `${nativeProvider}::${existing.id}`);
    });

    it("updates the references other resources hold to a moved one", () => {
        const component: StateResource = {
            urn: `${prefix}::acme:Dashboard::board`,
            type: "acme:Dashboard",
            custom: false,
            parent: stackUrn,
            dependencies: [ops.urn],
            deletedWith: ops.urn,
        };
        const plan = planMigration(stateOf([stack, nodejsDefault, ops, component]), options);
        assert.deepEqual(resource(plan, "board").dependencies, [resource(plan, "ops").urn]);
        assert.equal(resource(plan, "board").deletedWith, resource(plan, "ops").urn);
    });

    it("refuses a stack with pending operations, naming recover", () => {
        const plan = planMigration(
            stateOf([stack, nodejsDefault, ops], [{ type: "creating", resource: chat }]),
            options,
        );
        assert.equal(plan.action, "refuse");
        assert.match((plan as { reason: string }).reason, /1 pending operation\(s\) \(creating .*::chat\)/);
        assert.match((plan as { reason: string }).reason, /hookstream-pulumi recover/);
    });

    it("refuses when a native resource of the same name is already in the stack", () => {
        const native = {
            ...ops,
            urn: `${prefix}::hookstream:index:NotificationChannel::ops`,
            type: "hookstream:index:NotificationChannel",
        };
        const plan = planMigration(stateOf([stack, nodejsDefault, native, ops]), options);
        assert.equal(plan.action, "refuse");
        assert.match((plan as { reason: string }).reason, /already holds native resources of the same names/);
    });

    it("has nothing to do for a stack with no dynamic pulumi-hookstream resource", () => {
        assert.deepEqual(planMigration(stateOf([stack]), options), { action: "none" });
        assert.deepEqual(planMigration({ version: 3, deployment: {} }, options), { action: "none" });
    });
});
