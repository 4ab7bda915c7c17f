import assert from "node:assert/strict";
import type { EmulatorKind } from "../../../emulator/define-kind";
import { emulatorKinds } from "../../../emulator/kinds";
import { startEmulatorWith } from "../../../emulator/start-emulator";
import { widgetsKind } from "../../support/widgets-kind";
import { callApi, callControl } from "./call-api";

const key = "hs_test_" + "w".repeat(64);
const otherKey = "hs_test_" + "x".repeat(64);
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };
const kinds = [...emulatorKinds, widgetsKind] as const;

describe("emulator: a kind defined outside emulator/ (widgets)", function () {
    let emulator: Awaited<ReturnType<typeof startEmulatorWith<typeof kinds>>>;
    const call = (method: string, path: string, body?: unknown, apiKey = key) =>
        callApi(emulator, method, path, { key: apiKey, body });

    before(async function () {
        emulator = await startEmulatorWith({ apiKeys: { [key]: "ops", [otherKey]: "other" } }, kinds);
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.reset();
        emulator.shape = "reference";
    });

    it("creates, retrieves, updates, lists and deletes widgets through /v1/widgets", async function () {
        const created = await call("POST", "/widgets", { name: "w1", size: 3 });
        assert.equal(created.status, 201);
        const { id } = created.body.widget;
        assert.deepEqual(
            { name: created.body.widget.name, size: created.body.widget.size, env: created.body.widget.env_id },
            { name: "w1", size: 3, env: emulator.widgets()[0]!.env_id },
        );
        assert.equal((await call("GET", `/widgets/${id}`)).body.widget.name, "w1");
        const updated = await call("PATCH", `/widgets/${id}`, { size: 5 });
        assert.deepEqual([updated.status, updated.body.widget.size], [200, 5]);
        const listed = await call("GET", "/widgets");
        assert.deepEqual(
            [listed.status, listed.body.widgets.map((widget: { id: string }) => widget.id), listed.body.has_more],
            [200, [id], false],
        );
        assert.deepEqual(await call("DELETE", `/widgets/${id}`).then((r) => [r.status, r.body]), [
            200,
            { success: true },
        ]);
        const gone = await call("GET", `/widgets/${id}`);
        assert.deepEqual([gone.status, gone.body.error], [404, "Widget not found"]);
        assert.deepEqual(
            emulator.requests.map((request) => `${request.method} ${request.status}`),
            ["POST 201", "GET 200", "PATCH 200", "GET 200", "DELETE 200", "GET 404"],
        );
    });

    it("answers a body its validation refuses with hookstream's one-field 400", async function () {
        for (const [method, body, error] of [
            ["POST", {}, "Invalid body: 'name' is required"],
            ["POST", { name: "w", size: 1.5 }, "Invalid body: 'size' must be a whole number"],
            ["POST", "{oops", "Invalid body: malformed JSON"],
        ] as const) {
            const response = await call(method, "/widgets", body);
            assert.deepEqual([response.status, response.body.error], [400, error], JSON.stringify(body));
        }
        const { id } = emulator.createWidget("ops", { name: "w" });
        const patched = await call("PATCH", `/widgets/${id}`, { colour: "red" });
        assert.deepEqual([patched.status, patched.body.error], [400, "Invalid body: 'colour' is not a known setting"]);
        assert.equal(emulator.widgets().length, 1);
    });

    it("pages the list newest first and hides another project's widgets", async function () {
        const first = emulator.createWidget("ops", { name: "a" });
        const second = emulator.createWidget("ops", { name: "b" });
        emulator.createWidget("other", { name: "c" });
        const page = await call("GET", "/widgets?limit=1");
        assert.deepEqual([page.body.widgets[0].id, page.body.has_more], [second.id, true]);
        const next = await call("GET", `/widgets?limit=1&cursor=${page.body.cursor}`);
        assert.deepEqual([next.body.widgets[0].id, next.body.has_more, next.body.cursor], [first.id, false, null]);
        assert.equal((await call("GET", `/widgets/${first.id}`, undefined, otherKey)).status, 404);
    });

    it("mints ids with the kind's prefix in the docs shape", async function () {
        emulator.shape = "docs";
        const created = await call("POST", "/widgets", { name: "w" });
        assert.match(created.body.widget.id, /^wg_[0-9a-f]{32}$/);
    });

    it("serves the kind's control API and names its paths for the CLI's usage", async function () {
        const seeded = await callControl(emulator, "POST", "/widgets", { project: "ops", name: "w" });
        assert.equal(seeded.status, 201);
        assert.deepEqual(seeded.body, { widget: emulator.widgets()[0]! });
        const { id } = seeded.body.widget;
        assert.equal((await callControl(emulator, "PATCH", `/widgets/${id}`, { name: "v" })).body.widget.name, "v");
        assert.deepEqual((await callControl(emulator, "GET", "/widgets?project=ops")).body, {
            widgets: emulator.widgets("ops"),
        });
        assert.equal((await callControl(emulator, "DELETE", `/widgets/${id}`)).status, 204);
        assert.deepEqual(emulator.widgets(), []);
        assert.deepEqual(widgetsKind.controlPaths, [
            "GET|POST /_emulator/widgets",
            "PATCH|DELETE /_emulator/widgets/:id",
        ]);
    });

    it("refuses channel ids the project lacks, and notes widgets left listing a deleted channel", async function () {
        const refused = await call("POST", "/widgets", { name: "w", channel_ids: ["nc_missing"] });
        assert.deepEqual(
            [refused.status, refused.body.error],
            [400, "Invalid body: 'channel_ids.0' must be the id of a notification channel of this project"],
        );
        const channel = emulator.createChannel("ops", webhook);
        const widget = emulator.createWidget("ops", { name: "w", channel_ids: [channel.id] });
        await call("DELETE", `/notification-channels/${channel.id}`);
        assert.deepEqual(emulator.danglingReferences(), [
            {
                requestIndex: 1,
                after: `DELETE /v1/notification-channels/${channel.id}`,
                widgetId: widget.id,
                channelId: channel.id,
                project: "ops",
            },
        ]);
    });

    it("leaves the built-in kinds as they are", async function () {
        assert.equal((await call("POST", "/notification-channels", webhook)).status, 201);
        assert.equal(emulator.channels().length, 1);
        emulator.createWidget("ops", { name: "w" });
        emulator.reset();
        assert.deepEqual([emulator.channels(), emulator.widgets()], [[], []]);
    });
});

describe("startEmulatorWith()", function () {
    const options = { apiKeys: { [key]: "ops" } };

    it("refuses two kinds of one name", async function () {
        await assert.rejects(
            startEmulatorWith(options, [...emulatorKinds, widgetsKind, widgetsKind]),
            /^Error: startEmulator: two kinds are named "widgets"$/,
        );
    });

    it("refuses a kind that references a kind it is not served with", async function () {
        await assert.rejects(
            startEmulatorWith(options, [widgetsKind]),
            /^Error: startEmulator: kind "widgets" references "channels", which is not served$/,
        );
    });

    it("refuses a kind whose methods would replace the emulator's own", async function () {
        const clashing: EmulatorKind<{ reset(): void }> = {
            ...widgetsKind,
            name: "clashing",
            mount: (organization) => ({
                ...widgetsKind.mount(organization),
                name: "clashing",
                methods: () => ({ reset: () => undefined }),
            }),
        };
        await assert.rejects(
            startEmulatorWith(options, [...emulatorKinds, clashing]),
            /^Error: startEmulator: kind "clashing" redefines the method reset$/,
        );
    });
});
