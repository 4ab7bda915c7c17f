import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import { markedName, parseCreateToken } from "../../provider/core/create-token";
import { signatureKey, secretSignature, unwrapSecrets } from "../../native/secret-values";
import { NativeHost, assertBuilt } from "../support/native-host";
import { repoRoot, type Bag } from "../support/provider-host";

const apiKey = "hs_test_" + "n".repeat(64);
const otherKey = "hs_test_" + "m".repeat(64);
const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const channel = "hookstream:index:NotificationChannel";
const rule = "hookstream:index:AlertRule";
const secret = (value: unknown) => ({ [signatureKey]: secretSignature, value });

/** Every secret value in a bag removed: what a reader of the non-secret outputs can see. */
function withoutSecrets(value: unknown): unknown {
    if (typeof value !== "object" || value === null) return value;
    if ((value as Bag)[signatureKey] === secretSignature) return "[secret]";
    if (Array.isArray(value)) return value.map(withoutSecrets);
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutSecrets(item)]));
}

describe("the native hookstream plugin over gRPC", function () {
    let emulator: Emulator;
    let host: NativeHost;

    before(async function () {
        assertBuilt();
        emulator = await startEmulator({ apiKeys: { [apiKey]: "ops", [otherKey]: "other" } });
        host = await NativeHost.start({ env: { HOOKSTREAM_API_KEY: "", HOOKSTREAM_BASE_URL: "" } });
    });

    after(async function () {
        await host?.stop();
        await emulator?.close();
    });

    beforeEach(function () {
        emulator.resetRequests();
    });

    it("reports the package version and serves the committed schema.json", async function () {
        const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
        assert.equal(await host.pluginVersion(), version);
        assert.equal(await host.schema(), fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    });

    it("rejects a base URL that is not http(s) at CheckConfig and echoes the config with its secret still wrapped", async function () {
        const news = { apiKey: secret(apiKey), baseUrl: "ftp://example.com" };
        const { inputs, failures } = await host.checkConfig(news);
        assert.deepEqual(
            failures.map((f) => f.property),
            ["baseUrl"],
        );
        assert.deepEqual(inputs, news);
    });

    it("marks a rotated API key as an in-place change of the provider at DiffConfig", async function () {
        const olds = { apiKey: secret("hs_test_old"), baseUrl: "http://x" };
        const diff = await host.diffConfig(olds, { ...olds, apiKey: secret("hs_test_new") });
        assert.deepEqual([diff.changes, diff.replaces, diff.detailedDiff], ["some", [], { apiKey: "UPDATE" }]);
    });

    it("takes its API key from a secret-wrapped Configure and answers that it accepts secrets", async function () {
        const answer = await host.configure(
            { "hookstream:config:apiKey": apiKey, "hookstream:config:baseUrl": emulator.url },
            { apiKey: secret(apiKey), baseUrl: emulator.url },
        );
        assert.equal(answer.acceptSecrets, true);
        const seeded = emulator.createChannel("ops", {
            name: "seeded",
            channel_type: "email",
            config: { recipients: ["a@example.com"] },
        });
        emulator.resetRequests();
        const { id } = await host.read(channel, seeded.id);
        assert.equal(id, seeded.id);
        assert.ok(emulator.requests.length > 0);
        assert.ok(emulator.requests.every((request) => request.project === "ops"));
        emulator.deleteChannel(seeded.id);
    });

    it("rejects invalid inputs at Check with each property path, without calling hookstream", async function () {
        const { failures } = await host.check(channel, "ops", {
            channelType: "webhook",
            config: { url: "ftp://example.com/x", extra: true },
        });
        assert.deepEqual(
            failures.map((f) => f.path),
            ["config.url", "config.extra"],
        );
        assert.equal(emulator.requests.length, 0);
    });

    it("defaults the name to the resource name at Check and keeps unknown values for preview", async function () {
        const known = await host.check(channel, "ops-alerts", {
            channelType: "webhook",
            config: { url: "https://ops.example.com/alerts" },
        });
        assert.deepEqual([known.failures, known.inputs.name, known.inputs.enabled], [[], "ops-alerts", true]);
        const preview = await host.check(channel, "later", { channelType: unknown, config: unknown });
        assert.deepEqual([preview.failures, preview.inputs.channelType], [[], unknown]);
        assert.equal(emulator.requests.length, 0);
    });

    it("wraps a Slack URL as a secret in the checked inputs even when the program passed it plain", async function () {
        const { inputs } = await host.check(channel, "chat", {
            channelType: "slack",
            config: { url: "https://hooks.slack.com/services/T0/B0/plain" },
        });
        assert.deepEqual((inputs.config as Bag).url, secret("https://hooks.slack.com/services/T0/B0/plain"));
    });

    it("keeps secret whatever arrived secret, even a field the schema does not mark", async function () {
        const { inputs } = await host.check(channel, "quiet", {
            channelType: "email",
            name: secret("a confidential name"),
            config: { recipients: ["oncall@example.com"] },
        });
        assert.deepEqual(inputs.name, secret("a confidential name"));
    });

    it("adopts an existing channel named by adopt with no POST, patching only what differs", async function () {
        const existing = emulator.createChannel("ops", {
            name: "from the dashboard",
            channel_type: "email",
            config: { recipients: ["oncall@example.com"] },
        });
        const { inputs } = await host.check(channel, "adopted", {
            channelType: "email",
            config: { recipients: ["oncall@example.com"] },
            adopt: existing.id,
        });
        emulator.resetRequests();
        const { id } = await host.create(channel, inputs);
        assert.equal(id, existing.id);
        assert.deepEqual(
            emulator.requests.filter((r) => r.method !== "GET").map((r) => [r.method, r.body]),
            [["PATCH", { name: "adopted" }]],
        );
        emulator.deleteChannel(existing.id);
    });

    describe("a webhook channel's life", function () {
        const declared = {
            channelType: "webhook",
            config: { url: "https://ops.example.com/alerts", secret: secret("whsec-native-1") },
        };
        let id: string;
        let inputs: Bag;
        let outputs: Bag;
        /** Check of the declared channel with its webhook secret rotated, against the stored inputs. */
        const checkRotated = () =>
            host.check(
                channel,
                "ops",
                { ...declared, config: { ...declared.config, secret: secret("whsec-native-2") } },
                inputs,
            );

        it("creates it with one POST under the marked name and returns its outputs with the webhook secret wrapped", async function () {
            ({ inputs } = await host.check(channel, "ops", declared));
            ({ id, outputs } = await host.create(channel, inputs));
            const nonce = parseCreateToken(inputs.__createToken)!.nonce;
            assert.deepEqual(
                emulator.requests.map((r) => [r.method, (r.body as Bag | undefined)?.name]),
                [
                    ["POST", markedName("ops", nonce)],
                    ["PATCH", "ops"],
                ],
            );
            assert.equal(emulator.channels("ops").find((c) => c.id === id)?.name, "ops");
            assert.deepEqual((outputs.config as Bag).secret, secret("whsec-native-1"));
            assert.equal(outputs.envId, emulator.channels("ops").find((c) => c.id === id)?.env_id);
            assert.equal(typeof outputs.createdAt, "string");
        });

        it("keeps the webhook secret out of every output that is not secret", function () {
            assert.doesNotMatch(JSON.stringify(withoutSecrets(outputs)), /whsec-native-1/);
        });

        it("reports no change when the same inputs are checked again", async function () {
            const again = await host.check(channel, "ops", declared, inputs);
            assert.equal(again.inputs.__createToken, inputs.__createToken);
            const diff = await host.diff(channel, id, outputs, again.inputs);
            assert.deepEqual([diff.changes, diff.diffs, diff.detailedDiff], ["none", [], {}]);
        });

        it("marks config.secret as an in-place update when the webhook secret rotates", async function () {
            const rotated = await checkRotated();
            const diff = await host.diff(channel, id, outputs, rotated.inputs);
            assert.deepEqual(
                [diff.changes, diff.replaces, diff.detailedDiff, diff.deleteBeforeReplace],
                ["some", [], { "config.secret": "UPDATE" }, false],
            );
            assert.equal(emulator.requests.length, 0);
        });

        it("marks channelType as a replacement when the type changes", async function () {
            const slack = await host.check(
                channel,
                "ops",
                { channelType: "slack", config: { url: secret("https://hooks.slack.com/services/T/B/x") } },
                inputs,
            );
            const diff = await host.diff(channel, id, outputs, slack.inputs);
            assert.deepEqual(diff.replaces, ["channelType"]);
            assert.equal(diff.detailedDiff.channelType, "UPDATE_REPLACE");
            assert.equal(diff.deleteBeforeReplace, false);
        });

        it("updates it with one PATCH carrying the rotated secret and keeps the secret wrapped", async function () {
            const rotated = await checkRotated();
            const updated = await host.update(channel, id, outputs, rotated.inputs);
            assert.deepEqual(
                emulator.requests.map((r) => [r.method, r.body]),
                [["PATCH", { config: { url: "https://ops.example.com/alerts", secret: "whsec-native-2" } }]],
            );
            assert.deepEqual((updated.config as Bag).secret, secret("whsec-native-2"));
            inputs = rotated.inputs;
            outputs = updated;
        });

        it("reads a change made out of band back as drift in the inputs on refresh", async function () {
            emulator.updateChannel(id, { name: "renamed in the dashboard" });
            const read = await host.read(channel, id, outputs, inputs);
            assert.equal(read.id, id);
            assert.equal(read.inputs?.name, "renamed in the dashboard");
            assert.deepEqual((read.outputs.config as Bag).secret, secret("whsec-native-2"));
            emulator.updateChannel(id, { name: "ops" });
        });

        it("imports it by id alone: Read returns inputs that Check accepts and that diff clean against its outputs", async function () {
            const read = await host.read(channel, id);
            assert.equal(read.id, id);
            assert.deepEqual(
                [read.inputs?.channelType, read.inputs?.name, (read.inputs?.config as Bag).url],
                ["webhook", "ops", "https://ops.example.com/alerts"],
            );
            const checked = await host.check(channel, "ops", read.inputs!);
            assert.deepEqual(checked.failures, []);
            const diff = await host.diff(channel, id, read.outputs, checked.inputs);
            assert.equal(diff.changes, "none");
        });

        it("deletes it with one DELETE", async function () {
            await host.delete(channel, id, outputs);
            assert.deepEqual(
                emulator.requests.map((r) => r.method),
                ["DELETE"],
            );
            assert.equal(
                emulator.channels("ops").some((c) => c.id === id),
                false,
            );
        });
    });

    it("keeps a channel whose finishing step failed in state with ErrorResourceInitFailed, its secret wrapped", async function () {
        const { inputs } = await host.check(channel, "half", {
            channelType: "webhook",
            config: { url: "https://ops.example.com/half", secret: "whsec-half" },
        });
        emulator.inject({ method: "PATCH", action: { type: "status", status: 400 }, times: 1 });
        const error = await host.create(channel, inputs).then(
            () => assert.fail("create should have failed"),
            (e: Error & { initFailure?: { id: string; properties: Bag; reasons: string[] } }) => e,
        );
        const stored = emulator.channels("ops").find((c) => c.id === error.initFailure?.id);
        assert.ok(stored, "the channel hookstream holds is the one reported");
        assert.match(error.message, /was created, but finishing it/);
        assert.deepEqual((error.initFailure!.properties.config as Bag).secret, secret("whsec-half"));
        assert.equal("__provider" in error.initFailure!.properties, false);
        await host.delete(channel, stored.id, unwrapSecrets(error.initFailure!.properties).values);
    });

    it("finishes a create whose answer was lost by finding its marked channel, with no second POST", async function () {
        const { inputs } = await host.check(channel, "lost", {
            channelType: "email",
            config: { recipients: ["oncall@example.com"] },
        });
        emulator.inject({ method: "POST", action: { type: "lose-response" }, times: 1 });
        const { id, outputs } = await host.create(channel, inputs);
        assert.deepEqual(
            emulator.requests.map((r) => `${r.method} ${r.status}`),
            ["POST 0", "GET 200", "PATCH 200"],
        );
        assert.equal(emulator.channels("ops").filter((c) => c.id === id && c.name === "lost").length, 1);
        await host.delete(channel, id, outputs);
    });

    it("refuses a refresh with another project's key, naming the wrong project and changing nothing", async function () {
        const { inputs } = await host.check(channel, "guarded", {
            channelType: "email",
            config: { recipients: ["oncall@example.com"] },
        });
        const { id, outputs } = await host.create(channel, inputs);
        emulator.createChannel("other", {
            name: "theirs",
            channel_type: "email",
            config: { recipients: ["x@example.com"] },
        });
        await host.configure({ "hookstream:config:apiKey": otherKey, "hookstream:config:baseUrl": emulator.url });
        try {
            const ours = emulator.channels("ops").find((c) => c.id === id)!.env_id;
            const theirs = emulator.channels("other")[0]!.env_id;
            await assert.rejects(host.read(channel, id, outputs, inputs), {
                message: new RegExp(
                    `belongs to hookstream project ${ours}, but the API key in use belongs to project ${theirs}`,
                ),
            });
            assert.equal(
                emulator.channels("ops").some((c) => c.id === id),
                true,
            );
        } finally {
            await host.configure({ "hookstream:config:apiKey": apiKey, "hookstream:config:baseUrl": emulator.url });
        }
        await host.delete(channel, id, outputs);
    });

    it("creates an alert rule that routes to a channel, and deletes it", async function () {
        const target = await host.check(channel, "pager", {
            channelType: "email",
            config: { recipients: ["oncall@example.com"] },
        });
        const created = await host.create(channel, target.inputs);
        const checked = await host.check(rule, "failures", {
            ruleType: "failure_rate",
            ruleConfig: { threshold: 0.1 },
            channelIds: [created.id],
        });
        assert.deepEqual(checked.failures, []);
        const made = await host.create(rule, checked.inputs);
        assert.deepEqual(emulator.alertRules("ops").find((r) => r.id === made.id)?.channel_ids, [created.id]);
        assert.deepEqual([made.outputs.name, made.outputs.cooldownMinutes], ["failures", 60]);
        await host.delete(rule, made.id, made.outputs);
        await host.delete(channel, created.id, created.outputs);
        assert.equal(emulator.alertRules("ops").length, 0);
    });
});
