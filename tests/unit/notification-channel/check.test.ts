import assert from "node:assert/strict";
import { checkInputs, type CheckFailure, type CheckOutcome } from "../../../provider/core/check";
import { channelTypes } from "../../../provider/notification-channel/channel-types";
import { notificationChannel } from "../../../provider/notification-channel/kind";

const channelInputRules = notificationChannel.inputRules;
import { unknownValue } from "../../../provider/core/unknowns";
import { badInputCases } from "./bad-input-cases";
import { withoutCreateToken } from "../../support/checked-inputs";

const validInputs: Record<(typeof channelTypes)[number], Record<string, unknown>> = {
    webhook: {
        channelType: "webhook",
        name: "ops webhook",
        config: { url: "https://hooks.example.com/alerts", secret: "whsec_0123456789abcdef" },
    },
    slack: {
        channelType: "slack",
        name: "ops slack",
        config: { url: "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXX" },
    },
    discord: {
        channelType: "discord",
        name: "ops discord",
        config: { url: "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnop" },
    },
    email: {
        channelType: "email",
        name: "ops email",
        config: { recipients: ["ops@example.com", "oncall@example.com"] },
    },
};

function failuresOf(outcome: CheckOutcome<unknown>): CheckFailure[] {
    assert.equal(outcome.ok, false, `expected check to fail, got ${JSON.stringify(outcome)}`);
    return outcome.ok ? [] : outcome.failures;
}

function valueAt(root: unknown, property: string): unknown {
    let current = root;
    for (const key of property.replace(/\[(\d+)\]/g, ".$1").split(".")) {
        if (typeof current !== "object" || current === null) return undefined;
        current = (current as Record<string, unknown>)[key];
    }
    return current;
}

/** Every string under `config`: URLs and secrets are credentials for slack, discord and signed webhooks. */
function configStrings(inputs: Record<string, unknown>): string[] {
    const found: string[] = [];
    const walk = (value: unknown): void => {
        if (typeof value === "string") found.push(value);
        else if (typeof value === "object" && value !== null) Object.values(value).forEach(walk);
    };
    walk(inputs.config);
    return found;
}

describe("checkInputs", () => {
    describe("bad input matrix", () => {
        it("has at least 45 rows covering every channel type", () => {
            assert.ok(badInputCases.length >= 45, `only ${badInputCases.length} rows`);
            const types = new Set(badInputCases.map((row) => row.inputs.channelType));
            for (const type of channelTypes) assert.ok(types.has(type), `no row for ${type}`);
        });

        for (const row of badInputCases) {
            it(`rejects ${row.title} at ${JSON.stringify(row.property)}`, () => {
                const failures = failuresOf(checkInputs(row.inputs, channelInputRules));
                const match = failures.find(
                    (failure) =>
                        failure.path === row.property &&
                        failure.reason.toLowerCase().includes(row.reason.toLowerCase()),
                );
                assert.ok(
                    match,
                    `no failure at ${row.property} mentioning "${row.reason}"; got ${JSON.stringify(failures)}`,
                );

                // Only long values: a reason may legitimately quote a scheme such as "https://".
                const offending = valueAt(row.inputs, row.property);
                const secrets = [...configStrings(row.inputs), ...(typeof offending === "string" ? [offending] : [])];
                for (const value of secrets.filter((s) => s.length >= 10)) {
                    for (const failure of failures) {
                        assert.ok(
                            !failure.reason.includes(value),
                            `reason ${JSON.stringify(failure.reason)} echoes an input value`,
                        );
                    }
                }
            });
        }
    });

    describe("valid inputs", () => {
        for (const type of channelTypes) {
            it(`accepts a ${type} channel and defaults enabled to true`, () => {
                const outcome = checkInputs(validInputs[type], channelInputRules);
                assert.ok(outcome.ok && outcome.complete, JSON.stringify(outcome));
                assert.deepEqual(withoutCreateToken(outcome.inputs), { ...validInputs[type], enabled: true });
            });
        }

        it("keeps an explicit enabled: false", () => {
            const outcome = checkInputs({ ...validInputs.slack, enabled: false }, channelInputRules);
            assert.equal(outcome.ok, true);
            assert.equal(outcome.ok && outcome.inputs.enabled, false);
        });

        it("accepts a webhook without a secret and a plain http url", () => {
            const inputs = { channelType: "webhook", name: "local", config: { url: "http://localhost:8080/hook" } };
            const outcome = checkInputs(inputs, channelInputRules);
            assert.ok(outcome.ok && outcome.complete, JSON.stringify(outcome));
            assert.deepEqual(withoutCreateToken(outcome.inputs), { ...inputs, enabled: true });
        });

        it("accepts a well-formed adopt id", () => {
            const inputs = { ...validInputs.discord, adopt: "nc_a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6" };
            const outcome = checkInputs(inputs, channelInputRules);
            assert.equal(outcome.ok, true);
            assert.equal(outcome.ok && outcome.inputs.adopt, inputs.adopt);
        });

        it("accepts exactly 50 recipients and a 255-character name", () => {
            const recipients = Array.from({ length: 50 }, (_, i) => `user${i}@example.com`);
            const outcome = checkInputs(
                { ...validInputs.email, name: "n".repeat(255), config: { recipients } },
                channelInputRules,
            );
            assert.equal(outcome.ok, true, JSON.stringify(outcome));
        });

        it("ignores __provider in news", () => {
            const outcome = checkInputs(
                { ...validInputs.webhook, __provider: "serialized shim text" },
                channelInputRules,
            );
            assert.ok(outcome.ok && outcome.complete, JSON.stringify(outcome));
            assert.deepEqual(withoutCreateToken(outcome.inputs), { ...validInputs.webhook, enabled: true });
        });
    });

    describe("values not known until apply", () => {
        const cases: {
            where: string;
            unknown: Record<string, unknown>;
            bad: Record<string, unknown>;
            property: string;
        }[] = [
            {
                where: "channelType",
                unknown: { ...validInputs.webhook, channelType: unknownValue },
                bad: { ...validInputs.webhook, channelType: unknownValue, name: "" },
                property: "name",
            },
            {
                where: "config",
                unknown: { ...validInputs.webhook, config: unknownValue },
                bad: { ...validInputs.webhook, config: unknownValue, name: "ops\nalerts" },
                property: "name",
            },
            {
                where: "config.url",
                unknown: { ...validInputs.webhook, config: { url: unknownValue, secret: "whsec_abc" } },
                bad: { ...validInputs.webhook, config: { url: unknownValue, secret: "" } },
                property: "config.secret",
            },
            {
                where: "one recipient",
                unknown: { ...validInputs.email, config: { recipients: [unknownValue, "ops@example.com"] } },
                bad: { ...validInputs.email, config: { recipients: [unknownValue, "not-an-address"] } },
                property: "config.recipients[1]",
            },
            {
                where: "name",
                unknown: { ...validInputs.slack, name: unknownValue },
                bad: { ...validInputs.slack, name: unknownValue, config: { url: "ftp://hooks.example.com" } },
                property: "config.url",
            },
            {
                where: "enabled",
                unknown: { ...validInputs.discord, enabled: unknownValue },
                bad: { ...validInputs.discord, enabled: unknownValue, adopt: "nc 1" },
                property: "adopt",
            },
        ];

        for (const { where, unknown, bad, property } of cases) {
            it(`does not reject an unknown ${where}`, () => {
                const outcome = checkInputs(unknown, channelInputRules);
                assert.ok(outcome.ok, JSON.stringify(outcome));
                assert.deepEqual(withoutCreateToken(outcome.inputs), { enabled: true, ...unknown });
            });

            it(`still rejects a known-bad sibling of an unknown ${where}`, () => {
                const failures = failuresOf(checkInputs(bad, channelInputRules));
                assert.deepEqual(
                    failures.map((failure) => failure.path),
                    [property],
                );
            });
        }

        it("marks inputs holding an unknown value as incomplete", () => {
            const outcome = checkInputs({ ...validInputs.webhook, config: unknownValue }, channelInputRules);
            assert.equal(outcome.ok && outcome.complete, false);
        });
    });

    it("leaves every failure's property empty and starts its reason with the argument's path", () => {
        for (const row of badInputCases) {
            for (const failure of failuresOf(checkInputs(row.inputs, channelInputRules))) {
                assert.equal(failure.property, "", row.title);
                assert.ok(failure.reason.startsWith(failure.path), `${row.title}: ${failure.reason}`);
            }
        }
    });

    it("reports the other failures along with an unknown channelType", () => {
        const failures = failuresOf(
            checkInputs({ channelType: "smtp", name: " ", verify: "yes", config: {} }, channelInputRules),
        );
        assert.deepEqual(
            failures.map((failure) => failure.path),
            ["channelType", "name", "verify"],
        );
    });

    it("reports every failing argument at once", () => {
        const failures = failuresOf(
            checkInputs(
                { channelType: "webhook", name: "", enabled: "yes", config: { url: "ftp://x.example" } },
                channelInputRules,
            ),
        );
        assert.deepEqual(failures.map((failure) => failure.path).sort(), ["config.url", "enabled", "name"]);
    });
});
