import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { markedName, parseCreateToken } from "../../provider/core/create-token";
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";

const apiKey = "hs_test_" + "a".repeat(64);
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

for (const shape of ["reference", "docs"] as const) {
    describe(`NotificationChannel through the dynamic-provider host (${shape} response shape)`, function () {
        let emulator: Emulator;
        let host: ProviderHost;

        before(async function () {
            emulator = await startEmulator({ apiKeys: { [apiKey]: "ops" }, shape });
            const { text } = await serializedProvider();
            host = await ProviderHost.start(text);
            await host.configure({
                "hookstream:apiKey": apiKey,
                "hookstream:baseUrl": emulator.url,
                "other:thing": "x",
            });
        });

        after(async function () {
            await host?.stop();
            await emulator?.close();
        });

        beforeEach(function () {
            emulator.resetRequests();
        });

        it("rejects invalid inputs at check with the property path, without calling the API", async function () {
            const { failures } = await host.check({
                channelType: "webhook",
                name: "ops",
                config: { url: "ftp://example.com/x", extra: true },
            });
            assert.deepEqual(
                failures.map((f) => [f.property, f.path]),
                [
                    ["", "config.url"],
                    ["", "config.extra"],
                ],
            );
            assert.match(failures[0]!.reason, /https:\/\/ or http:\/\//);
            assert.equal(emulator.requests.length, 0);
        });

        it("accepts inputs that are unknown during preview and still judges the known ones", async function () {
            const ok = await host.check({ channelType: "slack", name: "ops", config: { url: unknown } });
            assert.deepEqual(ok.failures, []);
            const bad = await host.check({ channelType: unknown, name: "", config: unknown });
            assert.deepEqual(
                bad.failures.map((f) => f.path),
                ["name"],
            );
            assert.equal(emulator.requests.length, 0);
        });

        it("reports a possible replacement when channelType is unknown at preview", async function () {
            const olds = { channelType: "webhook", name: "a", enabled: true, config: { url: "https://a.example" } };
            const result = await host.diff("id", olds, { ...olds, channelType: unknown });
            assert.equal(result.changes, "some");
            assert.deepEqual(result.replaces, ["channelType"]);
        });

        describe("a webhook channel's life", function () {
            let id: string;
            let outputs: Bag;
            const declared = {
                channelType: "webhook",
                name: "ops-alerts",
                config: { url: "https://ops.example.com/alerts", secret: "whsec-lifecycle-1" },
            };

            it("creates it with one POST under the marked name, one PATCH to the declared name, and reports the computed outputs", async function () {
                const checked = await host.check(declared);
                assert.deepEqual(checked.failures, []);
                assert.equal(checked.inputs.enabled, true);
                const token = parseCreateToken(checked.inputs.__createToken);
                assert.ok(token, "check issues a create token");
                const created = await host.create(checked.inputs);
                id = created.id;
                outputs = created.outputs;
                const stored = emulator.channels("ops");
                assert.equal(stored.length, 1);
                assert.equal(stored[0]!.id, id);
                assert.deepEqual(stored[0]!.config, declared.config);
                assert.equal(outputs.name, "ops-alerts");
                assert.equal(outputs.enabled, true);
                assert.deepEqual(outputs.config, declared.config);
                assert.equal(typeof outputs.createdAt, "string");
                assert.match(String(outputs.createdAt), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
                assert.equal(outputs.errorCount, 0);
                if (shape === "reference") {
                    assert.equal(outputs.envId, stored[0]!.env_id);
                    assert.equal(outputs.orgId, stored[0]!.org_id);
                }
                assert.deepEqual(
                    emulator.requests.map((r) => `${r.method} ${r.status}`),
                    ["POST 201", "PATCH 200"],
                );
                assert.equal((emulator.requests[0]!.body as Bag).name, markedName("ops-alerts", token.nonce));
                assert.deepEqual(emulator.requests[1]!.body, { name: "ops-alerts" });
                assert.equal(stored[0]!.name, "ops-alerts");
                assert.equal(outputs.__createToken, checked.inputs.__createToken, "kept for the next check");
            });

            it("sees no change when nothing changed, even with server fields in the old outputs", async function () {
                const checked = await host.check(declared, outputs);
                assert.equal(checked.inputs.__createToken, outputs.__createToken);
                const result = await host.diff(id, outputs, checked.inputs);
                assert.equal(result.changes, "none");
                assert.equal(emulator.requests.length, 0);
            });

            it("updates name, config and enabled in place with one PATCH", async function () {
                const news = {
                    ...declared,
                    name: "ops-alerts-2",
                    enabled: false,
                    config: { url: "https://ops.example.com/v2" },
                };
                const checked = await host.check(news, outputs);
                const result = await host.diff(id, outputs, checked.inputs);
                assert.equal(result.changes, "some");
                assert.deepEqual(result.replaces, []);
                outputs = await host.update(id, outputs, checked.inputs);
                const stored = emulator.channels("ops")[0]!;
                assert.equal(stored.id, id);
                assert.equal(stored.name, "ops-alerts-2");
                assert.equal(stored.enabled, false);
                assert.deepEqual(stored.config, { url: "https://ops.example.com/v2" });
                assert.deepEqual(
                    emulator.requests.map((r) => r.method),
                    ["PATCH"],
                );
                assert.deepEqual(emulator.requests[0]!.body, {
                    name: "ops-alerts-2",
                    config: { url: "https://ops.example.com/v2" },
                    enabled: false,
                });
                assert.equal(outputs.enabled, false);
            });

            it("replaces it when channelType changes", async function () {
                const checked = await host.check(
                    { channelType: "slack", name: "x", config: { url: "https://hooks.slack.com/services/T/B/X" } },
                    outputs,
                );
                const result = await host.diff(id, outputs, checked.inputs);
                assert.deepEqual(result.replaces, ["channelType"]);
            });

            it("reads an out-of-band change back as drift, in outputs and inputs", async function () {
                emulator.updateChannel(id, { name: "renamed-by-hand", enabled: true });
                const read = await host.read(id, outputs);
                assert.equal(read.id, id);
                assert.equal(read.outputs.name, "renamed-by-hand");
                assert.equal(read.outputs.enabled, true);
                assert.equal(read.inputs?.name, "renamed-by-hand");
                assert.deepEqual(read.inputs?.config, { url: "https://ops.example.com/v2" });
                const diff = await host.diff(
                    id,
                    read.outputs,
                    (
                        await host.check({
                            ...declared,
                            name: "ops-alerts-2",
                            enabled: false,
                            config: { url: "https://ops.example.com/v2" },
                        })
                    ).inputs,
                );
                assert.equal(diff.changes, "some");
                outputs = read.outputs;
            });

            it("refuses to take a 404 as a deletion while the key's project lists nothing, unless that key saw it", async function () {
                await host.delete(id, outputs);
                assert.equal(emulator.channels("ops").length, 0);
                // The project is empty now: for a resource no key fingerprint vouches for (stored by an older version,
                // or seen by another key), the key could as well belong to another project.
                const { __keyFingerprint: fingerprint, ...unvouched } = outputs;
                assert.equal(typeof fingerprint, "string");
                await assert.rejects(host.read(id, unvouched), /not found \(404\) with the API key in use/);
                await assert.rejects(
                    host.read(id, { ...outputs, __keyFingerprint: "0000000000000000" }),
                    /not found \(404\) with the API key in use/,
                );
                // The very key that last saw it belongs to its project: gone, although that project is empty.
                assert.equal((await host.read(id, outputs)).id, "");
            });

            it("reads a channel deleted out of band as gone once the key's project is known", async function () {
                emulator.createChannel("ops", {
                    name: "neighbour",
                    channel_type: "email",
                    config: { recipients: ["n@example.com"] },
                });
                const read = await host.read(id, outputs);
                assert.equal(read.id, "");
            });

            it("treats a 404 on delete as already deleted", async function () {
                await host.delete(id, outputs);
                // The key's project was learned by the read before, once per process: no further list request.
                assert.deepEqual(
                    emulator.requests.map((r) => `${r.method} ${r.status}`),
                    ["DELETE 404"],
                );
            });
        });

        it("creates a disabled channel with a POST then a PATCH", async function () {
            const { inputs } = await host.check({
                channelType: "email",
                name: "mail",
                enabled: false,
                config: { recipients: ["a@example.com"] },
            });
            const created = await host.create(inputs);
            assert.equal(created.outputs.enabled, false);
            assert.equal(emulator.channels("ops").find((c) => c.id === created.id)?.enabled, false);
            assert.deepEqual(
                emulator.requests.map((r) => r.method),
                ["POST", "PATCH"],
            );
            assert.deepEqual(emulator.requests[1]!.body, { name: "mail", enabled: false });
            await host.delete(created.id, created.outputs);
        });

        it("keeps the channel in state when the follow-up PATCH fails (partial failure, no orphan)", async function () {
            const args = {
                channelType: "discord",
                name: "d",
                enabled: false,
                config: { url: "https://discord.com/api/webhooks/1/x" },
            };
            const { inputs } = await host.check(args);
            emulator.inject({ method: "PATCH", action: { type: "status", status: 400 }, times: 1 });
            const error = await host.create(inputs).then(
                () => assert.fail("create should have failed"),
                (e: Error & { initFailure?: { id: string; properties: Bag } }) => e,
            );
            // What hookstream holds: the marked name and enabled, both drift the next `up` mends as an update.
            const marked = markedName("d", parseCreateToken(inputs.__createToken)!.nonce);
            const stored = emulator.channels("ops").filter((c) => c.name === marked);
            assert.equal(stored.length, 1);
            assert.equal(error.initFailure?.id, stored[0]!.id);
            assert.equal(error.initFailure?.properties.name, marked);
            assert.equal(error.initFailure?.properties.enabled, true);
            assert.equal(typeof error.initFailure?.properties.__provider, "string");

            const next = await host.check(args, error.initFailure!.properties);
            assert.equal(next.inputs.__createToken, inputs.__createToken);
            const diff = await host.diff(stored[0]!.id, error.initFailure!.properties, next.inputs);
            assert.equal(diff.changes, "some");
            assert.deepEqual(diff.replaces, []);
            emulator.resetRequests();
            await host.update(stored[0]!.id, error.initFailure!.properties, next.inputs);
            assert.deepEqual(
                emulator.requests.map((r) => [r.method, r.body]),
                [["PATCH", { name: "d", enabled: false }]],
            );
            await host.delete(stored[0]!.id, error.initFailure!.properties);
        });
    });
}
