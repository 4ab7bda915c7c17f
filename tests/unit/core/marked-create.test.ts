import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../../emulator";
import { setStackSettings, transport } from "../../../provider/core/connection";
import { readJournalEntry } from "../../../provider/core/create-journal";
import { formatCreateToken, markedName, markerIn } from "../../../provider/core/create-token";
import { createMarked } from "../../../provider/core/marked-create";
import { createChannel, listChannels } from "../../../provider/notification-channel/endpoints";
import type { Channel } from "../../../provider/notification-channel/response";

/**
 * createMarked against the emulator, with the channel endpoints: the POST carries the create token's nonce in the
 * name, and a lost answer is resolved by that marker alone.
 */

const apiKey = "hs_test_" + "c".repeat(64);
const project = "marked-create";
const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/hookstream:NotificationChannel::ops";
const nonce = "0123456789abcdef";
const token = formatCreateToken({ nonce, issuedAt: Date.parse("2026-03-04T05:06:07Z"), machine: "none" });
const config = { recipients: ["ops@example.com"] };

describe("createMarked against the emulator", function () {
    const configured = process.env.HOOKSTREAM_CREATE_JOURNAL;
    let emulator: Emulator;
    let journal: string;

    before(async function () {
        emulator = await startEmulator({ port: 0, apiKeys: { [apiKey]: project } });
        setStackSettings({ apiKey, baseUrl: emulator.url });
    });

    after(async function () {
        setStackSettings({});
        await emulator?.close();
    });

    beforeEach(function () {
        emulator.reset();
        journal = fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-marked-create-"));
        process.env.HOOKSTREAM_CREATE_JOURNAL = journal;
    });

    afterEach(function () {
        if (configured === undefined) delete process.env.HOOKSTREAM_CREATE_JOURNAL;
        else process.env.HOOKSTREAM_CREATE_JOURNAL = configured;
        fs.rmSync(journal, { recursive: true, force: true });
    });

    /** `token` is what the checked inputs hold: a create token, or nothing when a version without tokens checked them. */
    function create(inputs: { token?: unknown } = { token }): Promise<Channel> {
        const api = transport();
        return createMarked({
            kind: "channel",
            name: "ops",
            token: inputs.token,
            urn,
            post: (marked) => createChannel(api, { name: marked, channelType: "email", config }),
            list: () => listChannels(api),
        });
    }

    const calls = () => emulator.requests.map((r) => `${r.method} ${r.path} ${r.status}`);
    const postedName = () => (emulator.requests.find((r) => r.method === "POST")?.body as { name?: unknown }).name;

    /** A channel someone else made with the declared name and config, as the dashboard or another stack would. */
    const lookAlike = (name = "ops") => emulator.createChannel(project, { name, channel_type: "email", config });

    it("POSTs once under the marked name and returns what hookstream answered, without listing", async function () {
        const made = await create();
        assert.deepEqual(calls(), ["POST /v1/notification-channels 201"]);
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
                `POST /v1/notification-channels ${fault === "lose-response" ? 0 : 200}`,
                "GET /v1/notification-channels 200",
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
        assert.equal(emulator.requests.filter((r) => r.method === "GET").length, 2);
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
                ["POST", "GET"],
            );
        });
    }

    it("throws a rejection of the POST at once, without listing", async function () {
        emulator.inject({ method: "POST", action: { type: "status", status: 422 } });
        await assert.rejects(create(), { code: "HOOKSTREAM_API_ERROR" });
        assert.deepEqual(
            emulator.requests.map((r) => r.method),
            ["POST"],
        );
    });

    it("names the marked name and the way out when looking for it fails too", async function () {
        emulator.inject({ method: "POST", action: { type: "lose-response" } });
        emulator.inject({ method: "GET", action: { type: "status", status: 403 } });
        const error = await create().then(
            () => assert.fail("create succeeded"),
            (e: unknown) => e as Error & { code?: string },
        );
        assert.equal(error.code, "HOOKSTREAM_CREATE_UNSETTLED");
        assert.match(error.message, /the channel may have been created, and looking for it failed too/);
        assert.ok(
            error.message.includes(
                `recover\` before running again: it finds the channel named "${markedName("ops", nonce)}"`,
            ),
            error.message,
        );
        assert.equal(error.message.includes(apiKey), false);
    });

    describe("journal", function () {
        it("notes the intent before the POST and the id after it", async function () {
            let atPost: unknown = "not read";
            const api = transport();
            const made = await createMarked({
                kind: "channel",
                name: "ops",
                token,
                urn,
                post: (marked) => {
                    atPost = readJournalEntry(journal, nonce);
                    return createChannel(api, { name: marked, channelType: "email", config });
                },
                list: () => listChannels(api),
            });
            assert.deepEqual(atPost, { urn });
            assert.deepEqual(readJournalEntry(journal, nonce), { urn, id: made.id });
        });

        it("notes the id of an object found by its marker", async function () {
            emulator.inject({ method: "POST", action: { type: "lose-response" } });
            const made = await create();
            assert.deepEqual(readJournalEntry(journal, nonce), { urn, id: made.id });
        });

        it("keeps only the intent when nothing was stored", async function () {
            emulator.inject({ method: "POST", action: { type: "drop" } });
            await assert.rejects(create(), { code: "HOOKSTREAM_NETWORK_ERROR" });
            assert.deepEqual(readJournalEntry(journal, nonce), { urn });
        });
    });

    it("issues a token of its own when the inputs carry none", async function () {
        const made = await create({});
        const own = markerIn(made.name);
        assert.ok(own, made.name);
        assert.notEqual(own, nonce);
        assert.equal(postedName(), made.name);
        assert.deepEqual(readJournalEntry(journal, own), { urn, id: made.id });
    });
});
