import assert from "node:assert/strict";
import type { Emulator } from "../../../emulator";
import { transport } from "../../../provider/core/connection";
import { formatCreateToken, markedName, markerIn } from "../../../provider/core/create-token";
import { Leftovers } from "../../../provider/core/leftovers";
import { createMarked } from "../../../provider/core/marked-create";
import {
    createChannel,
    deleteChannel,
    listChannels,
    updateChannel,
} from "../../../provider/notification-channel/endpoints";
import type { Channel } from "../../../provider/notification-channel/response";
import { providersOnEmulator } from "../../support/provider-emulator";

/**
 * createMarked against the emulator, with the channel endpoints: the POST carries the create token's nonce in the
 * name, a lost answer is resolved by that marker alone, and what an earlier attempt at the same create left behind
 * is taken up instead of POSTed again.
 */

const apiKey = "hs_test_" + "c".repeat(64);
const project = "marked-create";
const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/hookstream:NotificationChannel::ops";
const nonce = "0123456789abcdef";
const token = formatCreateToken({ nonce, issuedAt: Date.parse("2026-03-04T05:06:07Z") });
const config = { recipients: ["ops@example.com"] };

describe("createMarked against the emulator", function () {
    const running = providersOnEmulator(apiKey, project);
    let emulator: Emulator;

    beforeEach(function () {
        emulator = running();
    });

    /**
     * `token` is what the checked inputs hold: a create token, or nothing when a version without tokens checked them.
     * Each call is the first create of a process: it lists once to find leftovers.
     */
    function create(inputs: { token?: unknown; urn?: string } = { token, urn }): Promise<Channel> {
        const api = transport();
        const leftovers = new Leftovers<Channel>((connection) => listChannels(connection));
        return createMarked({
            kind: "channel",
            name: "ops",
            token: inputs.token,
            urn: inputs.urn,
            post: (marked) => createChannel(api, { name: marked, channelType: "email", config }),
            list: () => listChannels(api),
            leftovers: (wanted) => leftovers.take(api, wanted),
            resume: async (leftover) =>
                leftover.channelType === "email" ? updateChannel(api, leftover.id, { config }) : undefined,
            remove: (id) => deleteChannel(api, id),
        });
    }
    const list = "GET /v1/notification-channels 200";

    const calls = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    const postedName = () => (emulator.requests.find((r) => r.method === "POST")?.body as { name?: unknown }).name;

    /** A channel someone else made with the declared name and config, as the dashboard or another stack would. */
    const lookAlike = (name = "ops") => emulator.createChannel(project, { name, channel_type: "email", config });

    it("lists once for leftovers, POSTs once under the marked name and returns what hookstream answered", async function () {
        const made = await create();
        assert.deepEqual(calls(), [list, "POST /v1/notification-channels 201"]);
        assert.equal(postedName(), "ops [creating 0123456789abcdef]");
        assert.equal(made.name, "ops [creating 0123456789abcdef]");
        assert.deepEqual(
            emulator.channels(project).map((c) => c.id),
            [made.id],
        );
    });

    for (const fault of ["lose-response", "malformed", "empty"] as const) {
        it(`finds the object its POST stored by the marker when the answer is lost (${fault})`, async function () {
            emulator.inject({ method: "POST", action: { type: fault } });
            const made = await create();
            const [stored] = emulator.channels(project);
            assert.equal(made.id, stored?.id);
            assert.equal(made.name, markedName("ops", nonce));
            assert.deepEqual(calls(), [
                list,
                `POST /v1/notification-channels ${fault === "lose-response" ? 0 : 200}`,
                list,
            ]);
        });
    }

    it("does not take a look-alike with the same name and config made just before; it takes the marked one", async function () {
        const before = lookAlike();
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const made = await create();
        assert.notEqual(made.id, before.id);
        assert.equal(made.name, markedName("ops", nonce));
        assert.equal(emulator.channels(project).length, 2);
        assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 1);
    });

    it("does not take another create's marked object", async function () {
        const other = lookAlike(markedName("ops", "fedcba9876543210"));
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const made = await create();
        assert.notEqual(made.id, other.id);
        assert.equal(made.name, markedName("ops", nonce));
    });

    it("finds its object past the first page of the list", async function () {
        for (let i = 0; i < 150; i++) lookAlike();
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        const made = await create();
        const marked = emulator.channels(project).filter((c) => c.name === markedName("ops", nonce));
        assert.deepEqual(
            marked.map((c) => c.id),
            [made.id],
        );
        // Two pages for the leftovers, two after the lost answer.
        assert.equal(emulator.requests.filter((r) => r.method === "GET").length, 4);
    });

    for (const [what, action] of [
        ["dropped", { type: "drop" }],
        ["answered 503 before storing", { type: "status", status: 503 }],
    ] as const) {
        it(`throws the POST's own error when it was ${what} and only a look-alike exists`, async function () {
            const before = lookAlike();
            emulator.inject({ method: "POST", action });
            const error = await create().then(
                () => assert.fail("create succeeded"),
                (e: unknown) => e as Error & { code?: string },
            );
            assert.match(error.message, /^hookstream POST \/v1\/notification-channels failed/);
            assert.equal(error.code, action.type === "drop" ? "HOOKSTREAM_NETWORK_ERROR" : "HOOKSTREAM_API_ERROR");
            assert.deepEqual(
                emulator.channels(project).map((c) => c.id),
                [before.id],
                "the look-alike is not taken, and nothing is created",
            );
            assert.deepEqual(
                emulator.requests.map((r) => r.method),
                ["GET", "POST", "GET"],
            );
        });
    }

    it("throws a rejection of the POST at once, without listing again", async function () {
        emulator.inject({ method: "POST", action: { type: "status", status: 422 } });
        await assert.rejects(create(), { code: "HOOKSTREAM_API_ERROR" });
        assert.deepEqual(
            emulator.requests.map((r) => r.method),
            ["GET", "POST"],
        );
    });

    it("names the marked name and the way out when looking for it fails too", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({ method: "GET", action: { type: "status", status: 403 } });
        // Without a URN: the only GET is the one after the lost answer.
        const error = await create({ token }).then(
            () => assert.fail("create succeeded"),
            (e: unknown) => e as Error & { code?: string },
        );
        assert.equal(error.code, "HOOKSTREAM_CREATE_UNSETTLED");
        assert.match(error.message, /the channel may have been created, and looking for it failed too/);
        assert.ok(
            error.message.includes(
                `Run \`pulumi up\` again: it takes up the channel named "${markedName("ops", nonce)}"`,
            ),
            error.message,
        );
        assert.equal(error.message.includes(apiKey), false);
    });

    describe("leftovers of an earlier attempt at the same create", function () {
        it("takes up the object an interrupted attempt left, brought to the declared state, and POSTs nothing", async function () {
            const left = emulator.createChannel(project, {
                name: markedName("ops", nonce),
                channel_type: "email",
                config: { recipients: ["old@example.com"] },
            });
            const made = await create();
            assert.equal(made.id, left.id);
            assert.equal(made.name, markedName("ops", nonce), "the finishing step takes the marker off");
            assert.deepEqual(calls(), [list, `PATCH /v1/notification-channels/${left.id} 200`]);
            assert.deepEqual(emulator.channels(project)[0]?.config, config);
        });

        it("keeps one of several and deletes the rest: all are this create's", async function () {
            const left = [1, 2, 3].map(() =>
                emulator.createChannel(project, { name: markedName("ops", nonce), channel_type: "email", config }),
            );
            const made = await create();
            assert.ok(
                left.some((c) => c.id === made.id),
                made.id,
            );
            assert.deepEqual(
                emulator.channels(project).map((c) => c.id),
                [made.id],
            );
            assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 0);
        });

        it("deletes a leftover that cannot become the declared object (another type) and POSTs", async function () {
            const left = emulator.createChannel(project, {
                name: markedName("ops", nonce),
                channel_type: "slack",
                config: { url: "https://hooks.slack.com/services/T0/B0/x" },
            });
            const made = await create();
            assert.notEqual(made.id, left.id);
            assert.deepEqual(
                emulator.channels(project).map((c) => c.id),
                [made.id],
            );
        });

        it("leaves another create's leftover, and an unmarked look-alike, alone", async function () {
            const other = lookAlike(markedName("ops", "fedcba9876543210"));
            const plain = lookAlike();
            const made = await create();
            assert.deepEqual(
                emulator
                    .channels(project)
                    .map((c) => c.id)
                    .sort(),
                [other.id, plain.id, made.id].sort(),
            );
        });

        it("without a URN, lists nothing: no earlier attempt could share its random nonce", async function () {
            await create({ token });
            assert.deepEqual(calls(), ["POST /v1/notification-channels 201"]);
        });

        it("lists once for every create of a process", async function () {
            const api = transport();
            const leftovers = new Leftovers<Channel>((connection) => listChannels(connection));
            for (const n of ["a", "b", "c"]) {
                await createMarked({
                    kind: "channel",
                    name: n,
                    token: undefined,
                    urn: `${urn}-${n}`,
                    post: (marked) => createChannel(api, { name: marked, channelType: "email", config }),
                    list: () => listChannels(api),
                    leftovers: (wanted) => leftovers.take(api, wanted),
                    resume: async (leftover) => leftover,
                    remove: (id) => deleteChannel(api, id),
                });
            }
            assert.equal(emulator.requests.filter((r) => r.method === "GET").length, 1);
            assert.equal(emulator.requests.filter((r) => r.method === "POST").length, 3);
        });
    });

    it("issues a token of its own when the inputs carry none", async function () {
        const made = await create({});
        const own = markerIn(made.name);
        assert.ok(own, made.name);
        assert.notEqual(own, nonce);
        assert.equal(postedName(), made.name);
    });
});
