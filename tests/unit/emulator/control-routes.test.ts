import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../emulator";

const key = "hs_test_" + "c".repeat(64);
const webhook = { name: "ops", channel_type: "webhook", config: { url: "https://ops.example.com/alerts" } };

describe("emulator control API (/_emulator/)", function () {
    let emulator: Emulator;
    let control: (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [key]: "ops" }, rateLimit: { limit: 1, windowMs: 60_000 } });
        const base = emulator.url.replace(/\/v1$/, "/_emulator");
        control = async (method, path, body) => {
            const response = await fetch(base + path, {
                method,
                headers: { "Content-Type": "application/json" },
                body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
            });
            const text = await response.text();
            return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
        };
    });

    after(async function () {
        await emulator.close();
    });

    beforeEach(function () {
        emulator.reset();
    });

    const api = (method: string, path: string, body?: unknown) =>
        fetch(emulator.url + path, {
            method,
            headers: { "X-API-Key": key, "Content-Type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });

    it("lists stored channels in canonical form, all or one project's, without a key", async function () {
        const created = emulator.createChannel("ops", webhook);
        assert.deepEqual(await control("GET", "/channels"), { status: 200, body: { channels: [created] } });
        assert.deepEqual(await control("GET", "/channels?project=ops"), { status: 200, body: { channels: [created] } });
        assert.deepEqual(await control("GET", "/channels?project=nobody"), { status: 200, body: { channels: [] } });
    });

    it("creates a channel for a project, as the dashboard would", async function () {
        const created = await control("POST", "/channels", { project: "ops", ...webhook, enabled: false });
        assert.equal(created.status, 201);
        assert.deepEqual(created.body, { channel: emulator.channels()[0] });
        assert.equal(emulator.channels()[0]!.enabled, false);
        const unknown = await control("POST", "/channels", { project: "nobody", ...webhook });
        assert.equal(unknown.status, 400);
    });

    it("updates and deletes a channel by id, with 404 for an unknown one and 400 for an invalid patch", async function () {
        const { id } = emulator.createChannel("ops", webhook);
        const patched = await control("PATCH", `/channels/${id}`, { name: "renamed", enabled: false });
        assert.equal(patched.status, 200);
        assert.deepEqual(patched.body, { channel: emulator.channels()[0] });
        assert.equal(emulator.channels()[0]!.name, "renamed");
        assert.equal((await control("PATCH", `/channels/${id}`, { config: { url: "nope" } })).status, 400);
        assert.equal((await control("PATCH", "/channels/missing", { name: "x" })).status, 404);
        assert.deepEqual(await control("DELETE", `/channels/${id}`), { status: 204, body: undefined });
        assert.deepEqual(emulator.channels(), []);
        assert.equal((await control("DELETE", `/channels/${id}`)).status, 404);
    });

    it("returns the recorded API requests, and records no control request", async function () {
        await api("GET", "/notification-channels");
        await control("GET", "/channels");
        const { body } = await control("GET", "/requests");
        assert.deepEqual(body, [
            {
                method: "GET",
                path: "/v1/notification-channels",
                query: {},
                project: "ops",
                status: 200,
                apiKeyPresent: true,
            },
        ]);
    });

    it("injects a fault whose path is a string, and clears faults", async function () {
        const injected = await control("POST", "/faults", {
            method: "POST",
            path: "/notification-channels",
            action: { type: "status", status: 503 },
            times: 2,
        });
        assert.equal(injected.status, 204);
        assert.equal((await api("POST", "/notification-channels", webhook)).status, 503);
        assert.deepEqual(await control("DELETE", "/faults"), { status: 204, body: undefined });
        assert.equal((await api("GET", "/notification-channels")).status, 200);
        assert.deepEqual(emulator.channels(), []);
    });

    it("refuses an invalid fault rule with 400 naming the field", async function () {
        const refused = await control("POST", "/faults", { action: { type: "status", status: "503" } });
        assert.equal(refused.status, 400);
        assert.match((refused.body as { error: string }).error, /^Invalid fault rule: 'action\.status' /);
        assert.equal((await control("POST", "/faults", "{")).status, 400);
    });

    it("resets channels, requests, faults and the rate-limit window", async function () {
        emulator.createChannel("ops", webhook);
        emulator.inject({ action: { type: "drop" } });
        await api("GET", "/notification-channels").catch(() => undefined);
        assert.equal((await api("GET", "/notification-channels")).status, 200, "the limit of 1 is now used");
        assert.deepEqual(await control("POST", "/reset"), { status: 204, body: undefined });
        assert.deepEqual(emulator.channels(), []);
        assert.deepEqual(emulator.requests, []);
        assert.equal((await api("GET", "/notification-channels")).status, 200);
    });

    it("answers 404 and 405 in the error shape for unknown routes and methods", async function () {
        const unknown = await control("GET", "/shape");
        assert.equal(unknown.status, 404);
        assert.equal((unknown.body as { error: string }).error, "Not found");
        assert.equal((await control("GET", "/reset")).status, 405);
        assert.deepEqual(emulator.requests, []);
    });
});
