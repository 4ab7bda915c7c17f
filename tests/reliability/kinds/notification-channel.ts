import assert from "node:assert/strict";
import { notificationChannel } from "../../../provider/notification-channel/kind";
import type { Emulator } from "../../../emulator";
import type { Bag } from "../../support/provider-host";
import { serializedProvider } from "../../support/provider-text";
import { badInputCases as channelBadInputCases } from "../../unit/notification-channel/bad-input-cases";
import type { BadInputTable } from "./bad-input-table";
import type { FaultTable } from "./fault-table";
import type { LostCreateTable } from "./lost-create-table";
import { emulatorShapes, startMainEmulator } from "./main-emulator";

const channels: Record<string, Bag & { name: string; channelType: string; config: Record<string, unknown> }> = {
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
};

/** The NotificationChannel in the lost-create suite: each channel type, credentials in their configs. */
export const channelLostCreate: LostCreateTable<Emulator> = {
    kind: notificationChannel,
    collection: "/v1/notification-channels",
    apiKey: "hs_test_" + "1".repeat(64),
    project: "lost-create",
    providerText: async () => ({ text: (await serializedProvider()).text }),
    start: startMainEmulator,
    declared: (variant) => ({ ...channels[variant]! }),
    seed(emulator, project, variant, _refs, overrides = {}) {
        const { name, channelType, config } = channels[variant]!;
        return emulator.createChannel(project, { name, channel_type: channelType, config, ...overrides }).id;
    },
    stored: (emulator, project) => emulator.channels(project),
    shapes: emulatorShapes,
    echoed: ["config"],
    takeovers: [
        { fault: "lose-response", variant: "webhook" },
        { fault: "lose-response", variant: "slack" },
        { fault: "lose-response", variant: "discord" },
        { fault: "lose-response", variant: "email" },
        { fault: "malformed", variant: "webhook" },
        { fault: "empty", variant: "slack" },
    ],
    picks: {
        disabled: "email",
        paged: "slack",
        filler: "email",
        differing: "webhook",
        twoIdentical: "webhook",
        identicalBefore: "discord",
        inFlight: "email",
        lookAlikeOnOtherPage: "email",
        finishFails: "slack",
        dropped: "slack",
        lookupFails: "webhook",
    },
    differingWire: { config: { url: "https://ops.example.com/other", secret: "whsec-lost-create-secret" } },
    credentials: [
        "whsec-lost-create-secret",
        "lostCreateToken",
        "lost-create-token",
        channels.slack!.config.url as string,
        channels.discord!.config.url as string,
    ],
};

const apiKey = "hs_test_" + "f".repeat(64);
const webhookSecret = "whsec-faults-0123456789abcdef";
const webhookUrl = "https://ops.example.com/hooks/reliability";
const slackToken = "faultsSlackToken0123456789";
const slackUrl = `https://hooks.slack.com/services/T0FAULTS/B0FAULTS/${slackToken}`;
const discordToken = "faults-discord-token-0123456789";
const discordUrl = `https://discord.com/api/webhooks/111222333/${discordToken}`;

/** The NotificationChannel in the fault matrix: rows rotate through the three channel types whose config holds a credential. */
export const channelFaults: FaultTable<Emulator> = {
    kind: notificationChannel,
    collection: "/v1/notification-channels",
    apiKey,
    project: "faults",
    providerText: async () => ({ text: (await serializedProvider()).text }),
    start: startMainEmulator,
    declare(name, row, version) {
        const suffix = version === 1 ? "" : "-v2";
        switch (row % 3) {
            case 0:
                return {
                    channelType: "webhook",
                    name: name + suffix,
                    config: { url: webhookUrl + suffix, secret: webhookSecret + suffix },
                };
            case 1:
                return { channelType: "slack", name: name + suffix, config: { url: slackUrl + suffix } };
            default:
                return { channelType: "discord", name: name + suffix, config: { url: discordUrl + suffix } };
        }
    },
    sentStrings: (inputs) =>
        Object.values(inputs.config as Record<string, unknown>).filter((v): v is string => typeof v === "string"),
    invalidBody: (sent) => `Invalid body: 'config' rejected: ${sent.join(", ")}`,
    notFound: "Notification channel not found",
    stored: (emulator, project) => emulator.channels(project),
    remove: (emulator, id) => emulator.deleteChannel(id),
    heldAs: (emulator, project, name) =>
        emulator
            .channels(project)
            .filter((channel) => channel.name.startsWith(name))
            .map((channel) => ({ name: channel.name, config: channel.config, enabled: channel.enabled })),
    expectedHeld: (declared, enabled) => ({ name: declared.name, config: declared.config, enabled }),
    credentials: [webhookSecret, webhookUrl, slackUrl, slackToken, discordUrl, discordToken],
    finalCheck(emulator) {
        assert.deepEqual(emulator.danglingReferences(), [], "no rule ever listed a missing channel");
    },
    timeouts: {
        project: "timeouts",
        declared: () => ({ name: "timeouts", channelType: "slack", config: { url: slackUrl }, enabled: true }),
        seed: (emulator, project, name) =>
            emulator.createChannel(project, { name, channel_type: "slack", config: { url: slackUrl } }).id,
        patch: { name: "renamed" },
    },
};

/** The NotificationChannel's bad-input matrix, and a valid channel of every type. */
export const channelBadInput: BadInputTable<Emulator> = {
    kind: notificationChannel,
    apiKey: "hs_test_" + "b".repeat(64),
    project: "bad-input",
    providerText: async () => ({ text: (await serializedProvider()).text }),
    start: startMainEmulator,
    rows: channelBadInputCases,
    failuresWithin: "property",
    valid: [channels.webhook!, channels.slack!, channels.discord!, channels.email!],
    sensitiveArgument: "config",
};
