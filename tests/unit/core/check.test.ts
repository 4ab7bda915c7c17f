import assert from "node:assert/strict";
import { checkInputs, leadWithPath } from "../../../provider/core/check";
import { formatCreateToken, parseCreateToken } from "../../../provider/core/create-token";
import { unknownValue } from "../../../provider/core/unknowns";
import { notificationChannel } from "../../../provider/notification-channel/kind";
import { providers } from "../../../provider/providers";

const channelInputRules = notificationChannel.inputRules;
const channelProvider = providers.NotificationChannel!;
const alertRuleProvider = providers.AlertRule!;

/** The create token `check` adds to every checked input set (provider/core/create-token.ts). */

const channel = { channelType: "email", name: "ops", config: { recipients: ["ops@example.com"] } };
const rule = { ruleType: "dlq", name: "dlq", ruleConfig: { threshold: 0 } };
const earlier = formatCreateToken({
    nonce: "0123456789abcdef",
    issuedAt: Date.parse("2026-01-01T00:00:00Z"),
});

function tokenOf(outcome: ReturnType<typeof checkInputs>): string {
    assert.ok(outcome.ok, JSON.stringify(outcome));
    const token = (outcome.inputs as { __createToken?: unknown }).__createToken;
    assert.ok(parseCreateToken(token), `not a create token: ${JSON.stringify(token)}`);
    return token as string;
}

describe("checkInputs and the create token", () => {
    it("issues a new token, stamped now, when the olds carry none", () => {
        const before = Date.now();
        const issued = parseCreateToken(tokenOf(checkInputs(channel, channelInputRules)))!;
        assert.ok(issued.issuedAt >= before && issued.issuedAt <= Date.now(), String(issued.issuedAt));
    });

    it("issues a token of its own on each check of a new resource without a URN (random nonce)", () => {
        const first = tokenOf(checkInputs(channel, channelInputRules));
        const second = tokenOf(checkInputs(channel, channelInputRules));
        assert.notEqual(first, second);
    });

    it("keeps the token the olds carry, so an existing resource never shows it changing", () => {
        assert.equal(tokenOf(checkInputs(channel, channelInputRules, { ...channel, __createToken: earlier })), earlier);
    });

    it("keeps the olds' token when some inputs are still unknown", () => {
        const outcome = checkInputs({ ...channel, config: unknownValue }, channelInputRules, {
            ...channel,
            __createToken: earlier,
        });
        assert.ok(outcome.ok && !outcome.complete, JSON.stringify(outcome));
        assert.equal(tokenOf(outcome), earlier);
    });

    it("issues a new token for a replacement, so the new object's create is told from the old one's", () => {
        const olds = { ...channel, __createToken: earlier };
        const retyped = { channelType: "webhook", name: "ops", config: { url: "https://ops.example.com/hook" } };
        assert.notEqual(tokenOf(checkInputs(retyped, channelInputRules, olds)), earlier);
        // A type not known yet at preview may replace: it gets a new one too.
        const outcome = checkInputs({ ...channel, channelType: unknownValue }, channelInputRules, olds);
        assert.notEqual(tokenOf(outcome), earlier);
    });

    it("ignores a token passed in the news: check alone issues it", () => {
        const token = tokenOf(checkInputs({ ...channel, __createToken: earlier }, channelInputRules));
        assert.notEqual(token, earlier);
    });

    for (const [what, olds] of [
        ["malformed", { __createToken: "not-a-token" }],
        ["not a string", { __createToken: 7 }],
    ] as const) {
        it(`issues a new token when the olds' one is ${what}`, () => {
            const token = tokenOf(checkInputs(channel, channelInputRules, olds));
            assert.notEqual(token, olds.__createToken);
        });
    }

    it("adds no token to inputs it rejects", () => {
        const outcome = checkInputs({ ...channel, name: "" }, channelInputRules, { __createToken: earlier });
        assert.equal(outcome.ok, false);
        assert.equal("inputs" in outcome, false);
    });

    describe("through each resource's provider", () => {
        for (const [kind, provider, news] of [
            ["NotificationChannel", channelProvider, channel],
            ["AlertRule", alertRuleProvider, rule],
        ] as const) {
            it(`${kind}: keeps the olds' token and issues one for a new resource`, async () => {
                const check = provider.check!.bind(provider) as (
                    olds: unknown,
                    news: unknown,
                ) => Promise<{
                    inputs: Record<string, unknown>;
                    failures?: unknown[];
                }>;
                const kept = await check({ ...news, __createToken: earlier }, news);
                assert.deepEqual(kept.failures, undefined);
                assert.equal(kept.inputs.__createToken, earlier);

                const retyped = await check(
                    { ...news, __createToken: earlier },
                    kind === "AlertRule"
                        ? { ...rule, ruleType: "issue_opened", ruleConfig: {} }
                        : { ...channel, channelType: "webhook", config: { url: "https://ops.example.com/hook" } },
                );
                assert.deepEqual(retyped.failures, undefined);
                assert.notEqual(retyped.inputs.__createToken, earlier, "a replacement gets a token of its own");

                const issued = await check({}, news);
                assert.ok(parseCreateToken(issued.inputs.__createToken));
                assert.notEqual(issued.inputs.__createToken, earlier);
            });
        }
    });
});

describe("leadWithPath", () => {
    const cases: [path: string, message: string, reason: string][] = [
        ["config.url", "config.url must use https:// or http://", "config.url must use https:// or http://"],
        ["channelIds[2]", "is listed twice (same id as entry 0)", "channelIds[2] is listed twice (same id as entry 0)"],
        ["config.recipients[0]", "must be a valid email address", "config.recipients[0] must be a valid email address"],
        ["ruleConfig", "Invalid input", "ruleConfig: Invalid input"],
        ["", "Invalid input", "Invalid input"],
    ];
    for (const [path, message, reason] of cases) {
        it(`gives ${JSON.stringify(reason)} for ${JSON.stringify(message)} at ${JSON.stringify(path)}`, () => {
            assert.equal(leadWithPath(path, message), reason);
        });
    }
});
