import type { Bag } from "../../support/provider-host";
import { serializedProvider } from "../../support/provider-text";
import type { LostCreateTable } from "./lost-create-table";

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
export const channelLostCreate: LostCreateTable = {
    kindName: "NotificationChannel",
    collection: "/v1/notification-channels",
    apiKey: "hs_test_" + "1".repeat(64),
    project: "lost-create",
    providerText: async () => (await serializedProvider()).text,
    declared: (variant) => ({ ...channels[variant]! }),
    seed(emulator, project, variant, _refs, overrides = {}) {
        const { name, channelType, config } = channels[variant]!;
        return emulator.createChannel(project, { name, channel_type: channelType, config, ...overrides }).id;
    },
    stored: (emulator, project) => emulator.channels(project),
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
