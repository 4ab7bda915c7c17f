import assert from "node:assert/strict";
import { keyFingerprintOf } from "../../../provider/core/key-fingerprint";
import { startEmulator, type Emulator } from "../../../emulator";
import { providers } from "../../../provider/providers";

const provider = providers.AlertRule!;
import type { RuleOutputs } from "../../../provider/alert-rule/outputs";
import type { RuleInput } from "../../../provider/alert-rule/schema";
import type { CheckFailure } from "../../../provider/core/check";
import { setStackSettings } from "../../../provider/core/connection";
import { bearsMarker, formatCreateToken, markedName } from "../../../provider/core/create-token";

/**
 * The AlertRule provider against the emulator, as the dynamic-provider host would call it. Each test asserts what the
 * emulator saw: how many requests, which methods, which bodies.
 *
 * These tests need the emulator's alert rules: `/v1/alert-rules` mirroring the channel endpoints, and the control
 * methods typed in `RuleEmulator` below. An emulator without them fails the suite's `before` hook with that reason.
 */

/** A rule as the emulator keeps it: canonical form (config an object, channel ids a list, enabled a boolean). */
interface StoredRule {
    id: string;
    env_id: string;
    name: string;
    description?: string | null;
    rule_type: string;
    rule_config: Record<string, unknown>;
    source_id?: string | null;
    destination_id?: string | null;
    channel_ids: string[];
    cooldown_minutes: number;
    enabled: boolean;
}

type RuleEmulator = Emulator & {
    alertRules(project?: string): StoredRule[];
    createAlertRule(project: string, input: Record<string, unknown>): StoredRule;
    patchAlertRule(id: string, patch: Record<string, unknown>): StoredRule;
    removeAlertRule(id: string): void;
};

const devKey = "hs_test_" + "a".repeat(64);
const prodKey = "hs_test_" + "b".repeat(64);

describe("alertRuleProvider against the emulator", function () {
    let emulator: RuleEmulator;
    let channelIds: string[];

    before(async function () {
        emulator = (await startEmulator({ apiKeys: { [devKey]: "dev", [prodKey]: "prod" } })) as RuleEmulator;
        if (typeof emulator.alertRules !== "function" || typeof emulator.createAlertRule !== "function") {
            await emulator.close();
            throw new Error("this emulator has no alert rules (/v1/alert-rules and its control methods) yet");
        }
    });

    after(async function () {
        setStackSettings({});
        await emulator?.close();
    });

    beforeEach(function () {
        emulator.reset();
        emulator.shape = "reference";
        setStackSettings({ apiKey: devKey, baseUrl: emulator.url });
        channelIds = ["ops", "oncall"].map(
            (name) =>
                emulator.createChannel("dev", {
                    name,
                    channel_type: "email",
                    config: { recipients: [`${name}@example.com`] },
                }).id,
        );
        emulator.resetRequests();
    });

    /** The token `check` would have issued; its nonce is what the POSTed name carries. */
    const nonce = "0123456789abcdef";
    const createToken = formatCreateToken({ nonce, issuedAt: Date.parse("2026-01-02T03:04:05Z") });

    function declared(overrides: Partial<RuleInput> = {}): RuleInput {
        return {
            __createToken: createToken,
            ruleType: "latency",
            ruleConfig: { thresholdMs: 2000, percentileTarget: 95 },
            name: "slow deliveries",
            channelIds,
            cooldownMinutes: 30,
            enabled: true,
            ...overrides,
        } as RuleInput;
    }

    const calls = () => emulator.requests.map((request) => `${request.method} ${request.path}`);

    describe("check", function () {
        it("validates without a single request", async function () {
            const result = await provider.check!(
                {} as RuleInput,
                { ruleType: "failure_rate", name: "x", ruleConfig: { threshold: 10 } } as never,
            );
            assert.deepEqual(
                result.failures?.map((f) => (f as CheckFailure).path),
                ["ruleConfig.threshold"],
            );
            assert.equal(emulator.requests.length, 0);
        });
    });

    describe("create", function () {
        for (const shape of ["reference", "docs"] as const) {
            it(`POSTs once in wire form under the marked name, PATCHes the declared name and stores the server fields (${shape} shape)`, async function () {
                emulator.shape = shape;
                const inputs = declared({ description: "p95 too high" });
                const { id, outs } = await provider.create(inputs);

                assert.deepEqual(calls(), ["POST /v1/alert-rules", `PATCH /v1/alert-rules/${id}`]);
                assert.deepEqual(emulator.requests[0]!.body, {
                    name: `slow deliveries [creating ${nonce}]`,
                    description: "p95 too high",
                    rule_type: "latency",
                    rule_config: { threshold_ms: 2000, percentile_target: 95 },
                    channel_ids: channelIds,
                    cooldown_minutes: 30,
                });
                assert.deepEqual(emulator.requests[1]!.body, { name: "slow deliveries" });
                const [stored] = emulator.alertRules("dev");
                assert.equal(stored?.id, id);
                assert.equal(stored?.name, "slow deliveries");
                assert.equal(stored?.enabled, true);
                const { orgId, envId, createdAt, updatedAt, ...echoed } = outs as RuleOutputs;
                // The key is never stored; its fingerprint is (core/key-fingerprint.ts).
                assert.deepEqual(echoed, { ...inputs, triggerCount: 0, __keyFingerprint: keyFingerprintOf(devKey) });
                assert.equal(envId, stored?.env_id);
                assert.ok(orgId && createdAt && updatedAt);
            });
        }

        it("disables a rule declared disabled in the one PATCH that gives the declared name", async function () {
            const { id, outs } = await provider.create(declared({ enabled: false }));
            assert.deepEqual(calls(), ["POST /v1/alert-rules", `PATCH /v1/alert-rules/${id}`]);
            assert.deepEqual(emulator.requests[1]!.body, { name: "slow deliveries", enabled: false });
            assert.equal(emulator.alertRules("dev")[0]?.enabled, false);
            assert.equal(outs?.enabled, false);
        });

        it("keeps the rule in state with a PartialCreateError when that PATCH fails", async function () {
            emulator.inject({ action: { type: "status", status: 400 }, method: "PATCH", path: "/v1/alert-rules/" });
            const error = await provider.create(declared({ enabled: false })).then(
                () => assert.fail("create succeeded"),
                (e: unknown) => e as { code?: string; id?: string; message: string; properties?: RuleOutputs },
            );
            assert.equal(error.code, "HOOKSTREAM_PARTIAL_CREATE");
            const [stored] = emulator.alertRules("dev");
            assert.equal(error.id, stored?.id);
            // What hookstream holds: enabled and still marked, so the next `up` sees both changes and makes them.
            assert.equal(error.properties?.enabled, true);
            assert.equal(error.properties?.name, markedName("slow deliveries", nonce));
            assert.equal(stored?.name, markedName("slow deliveries", nonce));
            assert.equal(emulator.alertRules("dev").length, 1);
            assert.match(error.message, /finishing it \(name, enabled\) failed/);

            const diff = await provider.diff!(error.id!, error.properties!, declared({ enabled: false }));
            assert.equal(diff.changes, true);
            emulator.resetRequests();
            await provider.update!(error.id!, error.properties!, declared({ enabled: false }));
            assert.deepEqual(
                emulator.requests.map((request) => request.body),
                [{ name: "slow deliveries", enabled: false }],
            );
            assert.equal(emulator.alertRules("dev")[0]?.name, "slow deliveries");
        });

        it("takes over the rule whose POST answer was lost by its marker, sending the POST only once", async function () {
            emulator.inject({ action: { type: "lose-response" }, method: "POST", path: "/v1/alert-rules" });
            const { id } = await provider.create(declared());
            assert.deepEqual(calls(), ["POST /v1/alert-rules", "GET /v1/alert-rules", `PATCH /v1/alert-rules/${id}`]);
            assert.deepEqual(emulator.requests[2]!.body, { name: "slow deliveries" });
            assert.deepEqual(
                emulator.alertRules("dev").map((rule) => [rule.id, rule.name]),
                [[id, "slow deliveries"]],
            );
        });

        it("does not take a look-alike made just before when the POST answer was lost", async function () {
            const lookAlike = emulator.createAlertRule("dev", {
                name: "slow deliveries",
                rule_type: "latency",
                rule_config: { threshold_ms: 2000, percentile_target: 95 },
                channel_ids: channelIds,
                cooldown_minutes: 30,
            });
            emulator.resetRequests();
            emulator.inject({ action: { type: "lose-response" }, method: "POST", path: "/v1/alert-rules" });
            const { id } = await provider.create(declared());
            assert.notEqual(id, lookAlike.id);
            const mine = emulator.alertRules("dev").find((rule) => rule.id === id);
            assert.ok(bearsMarker((emulator.requests[0]!.body as { name: string }).name, nonce));
            assert.equal(mine?.name, "slow deliveries");
            assert.ok(!calls().includes(`PATCH /v1/alert-rules/${lookAlike.id}`), "the look-alike is left alone");
            assert.equal(emulator.alertRules("dev").length, 2);
        });

        it("fails without a second POST when a dropped POST stored nothing", async function () {
            emulator.inject({ action: { type: "drop" }, method: "POST", path: "/v1/alert-rules" });
            await assert.rejects(provider.create(declared()), { code: "HOOKSTREAM_NETWORK_ERROR" });
            assert.equal(calls().filter((call) => call === "POST /v1/alert-rules").length, 1);
            assert.equal(emulator.alertRules("dev").length, 0);
        });

        it("adopts an existing rule with no POST, patching only what differs", async function () {
            const existing = emulator.createAlertRule("dev", {
                name: "made in the dashboard",
                rule_type: "latency",
                rule_config: { threshold_ms: 2000, percentile_target: 95 },
                channel_ids: [...channelIds].reverse(),
                cooldown_minutes: 30,
            });
            emulator.resetRequests();
            const { id } = await provider.create(declared({ adopt: existing.id }));
            assert.equal(id, existing.id);
            assert.deepEqual(calls(), [`GET /v1/alert-rules/${id}`, `PATCH /v1/alert-rules/${id}`]);
            assert.deepEqual(emulator.requests[1]!.body, { name: "slow deliveries" });
        });

        it("refuses to adopt a rule of another type", async function () {
            const existing = emulator.createAlertRule("dev", {
                name: "dlq",
                rule_type: "dlq",
                rule_config: { threshold: 5 },
                channel_ids: channelIds,
            });
            await assert.rejects(provider.create(declared({ adopt: existing.id })), {
                code: "HOOKSTREAM_ADOPT_ERROR",
                message: /it is a dlq alert rule, but ruleType is "latency"/,
            });
            assert.ok(!calls().some((call) => call.startsWith("PATCH") || call.startsWith("POST")));
        });
    });

    describe("read", function () {
        it("reads rules that arrive together from the list, and each with its own GET when batching is off", async function () {
            const created = await Promise.all(
                ["a", "b", "c"].map((name) => provider.create(declared({ name, __createToken: undefined }))),
            );
            const readAll = () => Promise.all(created.map(({ id, outs }) => provider.read!(id, outs as RuleOutputs)));
            const gets = () => calls().filter((call) => call.startsWith("GET"));

            // Read from the environment when a process's connection is made, as `configure` makes it anew.
            const reconfigure = () => setStackSettings({ apiKey: devKey, baseUrl: emulator.url });
            process.env.HOOKSTREAM_READ_BATCHING = "off";
            try {
                reconfigure();
                emulator.resetRequests();
                await readAll();
                assert.deepEqual(gets().sort(), created.map(({ id }) => `GET /v1/alert-rules/${id}`).sort());
            } finally {
                delete process.env.HOOKSTREAM_READ_BATCHING;
                reconfigure();
            }
            emulator.resetRequests();
            const read = await readAll();
            assert.deepEqual(
                read.map((r) => r.id),
                created.map((c) => c.id),
            );
            assert.ok(gets().includes("GET /v1/alert-rules"), `no list page: ${gets().join(", ")}`);
        });

        it("reports drift made outside Pulumi, keeping the declared channel order", async function () {
            const inputs = declared();
            const { id, outs } = await provider.create(inputs);
            emulator.patchAlertRule(id, { cooldown_minutes: 90, channel_ids: [...channelIds].reverse() });
            emulator.resetRequests();

            const result = await provider.read!(id, outs as RuleOutputs);
            assert.deepEqual(calls(), [`GET /v1/alert-rules/${id}`]);
            assert.equal(result.id, id);
            assert.equal(result.inputs?.cooldownMinutes, 90);
            assert.deepEqual(result.inputs?.channelIds, channelIds);
            assert.deepEqual(result.inputs?.ruleConfig, inputs.ruleConfig);
        });

        it("drops a rule deleted outside Pulumi once the key's project is confirmed", async function () {
            const { id, outs } = await provider.create(declared());
            await provider.create(declared({ name: "another" }));
            emulator.removeAlertRule(id);
            assert.deepEqual(await provider.read!(id, outs as RuleOutputs), {});
        });

        it("drops a rule deleted by hand from a project left empty, when the key is the one that saw it", async function () {
            const { id, outs } = await provider.create(declared());
            for (const channelId of channelIds) emulator.deleteChannel(channelId);
            emulator.removeAlertRule(id);
            assert.deepEqual(await provider.read!(id, outs as RuleOutputs), {});
            assert.deepEqual(await provider.delete!(id, outs as RuleOutputs), undefined);
        });

        it("refuses to drop a rule when another key sees an empty project: it cannot tell which project", async function () {
            const { id, outs } = await provider.create(declared());
            setStackSettings({ apiKey: prodKey, baseUrl: emulator.url });
            await assert.rejects(provider.read!(id, outs as RuleOutputs), {
                code: "HOOKSTREAM_WRONG_PROJECT",
                message: /cannot be told which project the key belongs to/,
            });
            assert.equal(emulator.alertRules("dev").length, 1);
        });

        it("refuses to drop a rule stored before fingerprints when its project is empty", async function () {
            const { id, outs } = await provider.create(declared());
            for (const channelId of channelIds) emulator.deleteChannel(channelId);
            emulator.removeAlertRule(id);
            const { __keyFingerprint: _, ...older } = outs as RuleOutputs;
            await assert.rejects(provider.read!(id, older as RuleOutputs), { code: "HOOKSTREAM_WRONG_PROJECT" });
        });

        it("refuses to drop a rule when the key belongs to another project, changing nothing", async function () {
            const { id, outs } = await provider.create(declared());
            setStackSettings({ apiKey: prodKey, baseUrl: emulator.url });
            emulator.createAlertRule("prod", {
                name: "theirs",
                rule_type: "dlq",
                rule_config: { threshold: 1 },
                channel_ids: [],
            });
            await assert.rejects(provider.read!(id, outs as RuleOutputs), { code: "HOOKSTREAM_WRONG_PROJECT" });
            assert.equal(emulator.alertRules("dev").length, 1);
        });
    });

    describe("hookstream's 400 in the program's terms (issue 21)", function () {
        it("names the argument and the id when a rule's channel no longer exists", async function () {
            emulator.deleteChannel(channelIds[1]!);
            const error = await provider.create(declared()).then(
                () => assert.fail("create succeeded"),
                (e: unknown) => e as { code?: string; message: string },
            );
            assert.equal(error.code, "HOOKSTREAM_API_ERROR");
            assert.match(error.message, new RegExp(`channelIds\\[1\\] \\(${channelIds[1]}\\)`));
            assert.equal(error.message.includes("channel_ids"), false, "no wire path is left");
        });

        it("names the argument of an update's 400 the same way", async function () {
            const { id, outs } = await provider.create(declared());
            const added = emulator.createChannel("dev", {
                name: "added",
                channel_type: "email",
                config: { recipients: ["added@example.com"] },
            });
            emulator.deleteChannel(channelIds[0]!);
            await assert.rejects(
                provider.update!(id, outs as RuleOutputs, declared({ channelIds: [added.id, channelIds[0]!] })),
                new RegExp(`channelIds\\[1\\] \\(${channelIds[0]}\\)`),
            );
        });
    });

    describe("update", function () {
        it("PATCHes only what changed, channel ids and config whole", async function () {
            const { id, outs } = await provider.create(declared({ sourceId: undefined }));
            emulator.resetRequests();
            const news = declared({ ruleConfig: { thresholdMs: 3000, percentileTarget: 95 }, cooldownMinutes: 10 });
            const result = await provider.update!(id, outs as RuleOutputs, news);
            assert.deepEqual(calls(), [`PATCH /v1/alert-rules/${id}`]);
            assert.deepEqual(emulator.requests[0]!.body, {
                rule_config: { threshold_ms: 3000, percentile_target: 95 },
                cooldown_minutes: 10,
            });
            assert.equal(result.outs?.cooldownMinutes, 10);
            assert.equal(emulator.alertRules("dev")[0]?.cooldown_minutes, 10);
        });

        it("sends nothing when only the channel order changed", async function () {
            const { id, outs } = await provider.create(declared());
            emulator.resetRequests();
            await provider.update!(id, outs as RuleOutputs, declared({ channelIds: [...channelIds].reverse() }));
            assert.equal(emulator.requests.length, 0);
        });

        it("says to run `pulumi refresh` when the rule was deleted outside Pulumi", async function () {
            const { id, outs } = await provider.create(declared());
            await provider.create(declared({ name: "another" }));
            emulator.removeAlertRule(id);
            await assert.rejects(provider.update!(id, outs as RuleOutputs, declared({ cooldownMinutes: 5 })), {
                code: "HOOKSTREAM_DELETED_OUTSIDE",
                message: /pulumi refresh/,
            });
        });
    });

    describe("delete", function () {
        it("DELETEs the rule", async function () {
            const { id, outs } = await provider.create(declared());
            emulator.resetRequests();
            await provider.delete!(id, outs as RuleOutputs);
            assert.deepEqual(calls(), [`DELETE /v1/alert-rules/${id}`]);
            assert.equal(emulator.alertRules("dev").length, 0);
        });

        it("treats a rule already gone as deleted once the key's project is confirmed", async function () {
            const { id, outs } = await provider.create(declared());
            await provider.create(declared({ name: "another" }));
            emulator.removeAlertRule(id);
            await provider.delete!(id, outs as RuleOutputs);
            assert.equal(emulator.alertRules("dev").length, 1);
        });
    });
});
