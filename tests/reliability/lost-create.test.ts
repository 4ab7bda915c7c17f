import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";

/**
 * A POST whose answer never arrives (docs/hookstream-api.md §4.3: creation is not idempotent). The provider must not send it
 * again; it lists the project's channels and takes over the one it just made (same name, type and config), fails
 * naming every candidate when more than one matches, and fails plainly when nothing was stored, so that the next
 * `pulumi up` creates exactly one.
 */

const apiKey = "hs_test_" + "1".repeat(64);
const project = "lost-create";

const channels = {
    webhook: {
        channelType: "webhook",
        name: "lost-webhook",
        config: { url: "https://ops.example.com/lost", secret: "whsec-lost-create-secret" },
    },
    slack: {
        channelType: "slack",
        name: "lost-slack",
        config: { url: "https://hooks.slack.com/services/T0LOST/B0LOST/lostCreateToken" },
    },
    discord: {
        channelType: "discord",
        name: "lost-discord",
        config: { url: "https://discord.com/api/webhooks/42/lost-create-token" },
    },
    email: { channelType: "email", name: "lost-email", config: { recipients: ["oncall@example.com"] } },
} satisfies Record<string, Bag>;

type ChannelKey = keyof typeof channels;
const responseShapes = ["reference", "docs"] as const;

/** What the emulator stores for a declared channel, as if someone created the same thing in the dashboard. */
function seedOf(key: ChannelKey) {
    const { name, channelType, config } = channels[key];
    return { name, channel_type: channelType, config };
}

interface TakeoverRow {
    /** How the answer to the stored POST is lost. */
    fault: "lose-response" | "malformed" | "empty";
    channel: ChannelKey;
}

/** Each of these stores the channel and loses the answer; every channel type appears once with a reset. */
const takeovers: TakeoverRow[] = [
    { fault: "lose-response", channel: "webhook" },
    { fault: "lose-response", channel: "slack" },
    { fault: "lose-response", channel: "discord" },
    { fault: "lose-response", channel: "email" },
    { fault: "malformed", channel: "webhook" },
    { fault: "empty", channel: "slack" },
];

describe("a create whose answer is lost, through the dynamic-provider host", function () {
    let emulator: Emulator;
    let host: ProviderHost;

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: project } });
        host = await ProviderHost.start((await serializedProvider()).text);
        await host.configure({ "hookstream:apiKey": apiKey, "hookstream:baseUrl": emulator.url });
    });

    after(async function () {
        await host?.stop();
        await emulator?.close();
    });

    beforeEach(function () {
        emulator.reset();
        emulator.shape = "reference";
    });

    async function checked(bag: Bag): Promise<Bag> {
        const { inputs, failures } = await host.check(bag);
        assert.deepEqual(failures, []);
        return inputs;
    }

    async function createFails(inputs: Bag): Promise<Error> {
        return host.create(inputs).then(
            () => assert.fail("create should have failed"),
            (error: Error) => error,
        );
    }

    const calls = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

    for (const [row, shape] of takeovers.flatMap((r) => responseShapes.map((shape) => [r, shape] as const))) {
        it(`takes over the ${row.channel} channel it stored when the answer is lost (${row.fault}, ${shape} shape)`, async function () {
            emulator.shape = shape;
            const inputs = await checked(channels[row.channel]);
            emulator.inject({ method: "POST", action: { type: row.fault } });
            const created = await host.create(inputs);
            const stored = emulator.channels(project);
            assert.equal(stored.length, 1);
            assert.equal(created.id, stored[0]!.id);
            assert.equal(created.outputs.name, channels[row.channel].name);
            assert.deepEqual(created.outputs.config, channels[row.channel].config);
            assert.equal(typeof created.outputs.createdAt, "string");
            assert.deepEqual(calls(), [
                `POST /v1/notification-channels ${row.fault === "lose-response" ? 0 : 200}`,
                "GET /v1/notification-channels 200",
            ]);
        });
    }

    it("finds its channel on the first page when the project holds more than a page", async function () {
        for (let i = 0; i < 150; i++) {
            emulator.createChannel(project, { ...seedOf("email"), name: `other-${i}` });
        }
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(channels.slack));
        const mine = emulator.channels(project).filter((c) => c.name === channels.slack.name);
        assert.deepEqual(
            mine.map((c) => c.id),
            [created.id],
        );
        assert.equal(emulator.channels(project).length, 151);
    });

    it("names both ids when two identical channels already exist and the POST was dropped", async function () {
        const first = emulator.createChannel(project, seedOf("webhook"));
        const second = emulator.createChannel(project, seedOf("webhook"));
        emulator.inject({ method: "POST", action: { type: "drop" } });
        const error = await createFails(await checked(channels.webhook));
        assert.match(error.message, /2 channels named "lost-webhook" match what was sent/);
        assert.ok(error.message.includes(first.id) && error.message.includes(second.id), error.message);
        assert.match(error.message, /adopt/);
        assert.equal(emulator.channels(project).length, 2, "nothing created, nothing deleted");
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 1);
    });

    it("names both ids when an identical channel existed and the POST stored a second", async function () {
        const existing = emulator.createChannel(project, seedOf("discord"));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const error = await createFails(await checked(channels.discord));
        const stored = emulator.channels(project);
        assert.equal(stored.length, 2);
        const lost = stored.find((c) => c.id !== existing.id)!;
        assert.ok(error.message.includes(existing.id) && error.message.includes(lost.id), error.message);
        assert.equal(error.message.includes("lost-create-token"), false, "the Discord URL is a credential");

        // The way out the message names: adopt one of them; no further channel is created.
        emulator.resetRequests();
        const adopted = await host.create(await checked({ ...channels.discord, adopt: lost.id }));
        assert.equal(adopted.id, lost.id);
        assert.equal(emulator.channels(project).length, 2);
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 0);
    });

    it("finds an identical channel on the second page of the list", async function () {
        const older = emulator.createChannel(project, seedOf("email"));
        for (let i = 0; i < 150; i++) {
            emulator.createChannel(project, { ...seedOf("email"), name: `filler-${i}` });
        }
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const error = await createFails(await checked(channels.email));
        const lost = emulator.channels(project).find((c) => c.name === channels.email.name && c.id !== older.id)!;
        assert.ok(error.message.includes(older.id) && error.message.includes(lost.id), error.message);
        assert.deepEqual(
            emulator.requests.filter((r) => r.method === "GET").map((r) => r.query.cursor !== undefined),
            [false, true],
        );
    });

    it("fails, stores nothing, and lets the next run create exactly one when the POST was dropped", async function () {
        const inputs = await checked(channels.slack);
        emulator.inject({ method: "POST", action: { type: "drop" } });
        const error = await createFails(inputs);
        assert.match(error.message, /^hookstream POST \/v1\/notification-channels failed: /);
        assert.equal((error as Error & { initFailure?: unknown }).initFailure, undefined, "no id to keep in state");
        assert.deepEqual(emulator.channels(project), []);
        assert.deepEqual(calls(), ["POST /v1/notification-channels 0", "GET /v1/notification-channels 200"]);

        const again = await host.create(inputs);
        const stored = emulator.channels(project);
        assert.deepEqual(
            stored.map((c) => c.id),
            [again.id],
        );
    });

    it("says the channel may exist, and its name, when looking for it fails too", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({
            method: "GET",
            action: {
                type: "status",
                status: 403,
                body: { error: "Forbidden", status: 403, request_id: "req_lookup" },
            },
        });
        const error = await createFails(await checked(channels.webhook));
        assert.match(error.message, /the channel may have been created, and looking for it failed too/);
        assert.match(
            error.message,
            /GET \/v1\/notification-channels failed with 403: Forbidden \(request id req_lookup\)/,
        );
        assert.match(error.message, /Look for a channel named "lost-webhook"/);
        assert.equal(error.message.includes("whsec-lost-create-secret"), false);
        assert.equal(emulator.channels(project).length, 1);
    });
});
