import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { markedName, parseCreateToken } from "../../provider/core/create-token";
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";

/**
 * A POST whose answer never arrives (docs/hookstream-api.md §4.3: creation is not idempotent). The POST carries the
 * create token's nonce in the name; the provider must not send it again. It lists the project's channels and takes
 * over the one bearing its marker, never a look-alike (same name, type and config) made by someone else, and fails
 * with the POST's own error when nothing bears it, so that the next `pulumi up` creates exactly one.
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
    /** The name the POST of these checked inputs carries. */
    const markedFor = (inputs: Bag) => markedName(String(inputs.name), parseCreateToken(inputs.__createToken)!.nonce);

    for (const [row, shape] of takeovers.flatMap((r) => responseShapes.map((shape) => [r, shape] as const))) {
        it(`takes over the ${row.channel} channel it stored when the answer is lost (${row.fault}, ${shape} shape)`, async function () {
            emulator.shape = shape;
            const inputs = await checked(channels[row.channel]);
            emulator.inject({ method: "POST", action: { type: row.fault } });
            const created = await host.create(inputs);
            const stored = emulator.channels(project);
            assert.equal(stored.length, 1);
            assert.equal(created.id, stored[0]!.id);
            assert.equal(stored[0]!.name, channels[row.channel].name);
            assert.equal(created.outputs.name, channels[row.channel].name);
            assert.deepEqual(created.outputs.config, channels[row.channel].config);
            assert.equal(typeof created.outputs.createdAt, "string");
            assert.deepEqual(calls(), [
                `POST /v1/notification-channels ${row.fault === "lose-response" ? 0 : 200}`,
                "GET /v1/notification-channels 200",
                `PATCH /v1/notification-channels/${created.id} 200`,
            ]);
            assert.equal((emulator.requests[0]!.body as Bag).name, markedFor(inputs));
            assert.deepEqual(emulator.requests[2]!.body, { name: channels[row.channel].name });
        });
    }

    it("finds its channel when the project holds more than a page", async function () {
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

    it("takes neither of two identical channels made before when the POST was dropped, and stores nothing", async function () {
        const first = emulator.createChannel(project, seedOf("webhook"));
        const second = emulator.createChannel(project, seedOf("webhook"));
        emulator.inject({ method: "POST", action: { type: "drop" } });
        const inputs = await checked(channels.webhook);
        const error = await createFails(inputs);
        assert.match(error.message, /^hookstream POST \/v1\/notification-channels failed: /);
        assert.equal((error as Error & { initFailure?: unknown }).initFailure, undefined, "neither id goes in state");
        assert.deepEqual(
            emulator.channels(project).map((c) => [c.id, c.name]),
            [
                [first.id, "lost-webhook"],
                [second.id, "lost-webhook"],
            ],
            "nothing created, nothing changed",
        );
        assert.deepEqual(calls(), ["POST /v1/notification-channels 0", "GET /v1/notification-channels 200"]);

        // The next run creates its own, beside the two look-alikes.
        const again = await host.create(inputs);
        assert.equal(emulator.channels(project).length, 3);
        assert.ok(![first.id, second.id].includes(again.id));
    });

    it("takes the channel it stored, not an identical one that existed before, when the answer is lost", async function () {
        const existing = emulator.createChannel(project, seedOf("discord"));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(channels.discord));
        const stored = emulator.channels(project);
        assert.equal(stored.length, 2);
        assert.notEqual(created.id, existing.id);
        assert.equal(stored.find((c) => c.id === created.id)?.name, "lost-discord");
        assert.equal(
            emulator.requests.some((r) => r.path.endsWith(existing.id)),
            false,
            "the look-alike is neither read nor changed",
        );
        assert.equal(host.stderr().includes("lost-create-token"), false, "the Discord URL is a credential");
    });

    it("does not take the marked channel of another create in flight", async function () {
        const elsewhere = emulator.createChannel(project, {
            ...seedOf("email"),
            name: markedName(channels.email.name, "fedcba9876543210"),
        });
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(channels.email));
        assert.notEqual(created.id, elsewhere.id);
        assert.equal(
            emulator.channels(project).find((c) => c.id === elsewhere.id)?.name,
            markedName(channels.email.name, "fedcba9876543210"),
        );
    });

    it("lists every page and takes only its marked channel when a look-alike is on another page", async function () {
        const older = emulator.createChannel(project, seedOf("email"));
        for (let i = 0; i < 150; i++) {
            emulator.createChannel(project, { ...seedOf("email"), name: `filler-${i}` });
        }
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const created = await host.create(await checked(channels.email));
        const named = emulator.channels(project).filter((c) => c.name === channels.email.name);
        assert.deepEqual(named.map((c) => c.id).sort(), [older.id, created.id].sort());
        assert.notEqual(created.id, older.id);
        assert.deepEqual(
            emulator.requests.filter((r) => r.method === "GET").map((r) => r.query.cursor !== undefined),
            [false, true],
        );
    });

    it("keeps a channel found by its marker in state, marked, when the finishing PATCH fails", async function () {
        const inputs = await checked(channels.slack);
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({ method: "PATCH", action: { type: "status", status: 400 } });
        const error = (await createFails(inputs)) as Error & { initFailure?: { id: string; properties: Bag } };
        const [stored] = emulator.channels(project);
        assert.equal(error.initFailure?.id, stored?.id);
        assert.equal(error.initFailure?.properties.name, markedFor(inputs));
        assert.equal(stored?.name, markedFor(inputs));
        assert.match(error.message, /channel \S+ was created, but finishing it \(name\) failed/);
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
            stored.map((c) => [c.id, c.name]),
            [[again.id, channels.slack.name]],
        );
    });

    it("says the channel may exist, and the marked name to look for, when looking for it fails too", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({
            method: "GET",
            action: {
                type: "status",
                status: 403,
                body: { error: "Forbidden", status: 403, request_id: "req_lookup" },
            },
        });
        const inputs = await checked(channels.webhook);
        const error = await createFails(inputs);
        assert.match(error.message, /the channel may have been created, and looking for it failed too/);
        assert.match(
            error.message,
            /GET \/v1\/notification-channels failed with 403: Forbidden \(request id req_lookup\)/,
        );
        assert.ok(error.message.includes(`the channel named "${markedFor(inputs)}"`), error.message);
        assert.equal(error.message.includes("whsec-lost-create-secret"), false);
        assert.deepEqual(
            emulator.channels(project).map((c) => c.name),
            [markedFor(inputs)],
        );
    });
});
