import { notificationChannel } from "../../provider/notification-channel/kind";
import { resourceKinds } from "../../provider/resources";
import { badInputCases } from "../unit/notification-channel/bad-input-cases";
import { startEmulatorBench } from "./emulator-bench";
import { serializedProvider } from "../support/provider-text";
import type { Bag, KindCase } from "./kind-case";

/** The NotificationChannel's table for the generic suites: a webhook with a secret, against the main emulator. */

const secret = "whsec-kinds-suite-0123456789";
const url = "https://ops.example.com/hooks/kinds";

const wire = (inputs: Bag) => ({
    name: String(inputs.name),
    channel_type: String(inputs.channelType),
    config: inputs.config as Record<string, unknown>,
    enabled: inputs.enabled === false ? false : true,
});

export const notificationChannelCase: KindCase = {
    kind: notificationChannel,
    kinds: resourceKinds,
    providerText: serializedProvider,
    collection: "/v1/notification-channels",
    start: (apiKeys) =>
        startEmulatorBench(apiKeys, {
            stored: (emulator, project) => emulator.channels(project),
            seed: (emulator, project, inputs) => emulator.createChannel(project, wire(inputs)).id,
            seedElsewhere: (emulator, project) =>
                emulator.createChannel(project, {
                    name: "elsewhere",
                    channel_type: "email",
                    config: { recipients: ["elsewhere@example.com"] },
                }).id,
            remove: (emulator, id) => emulator.deleteChannel(id),
        }),
    valid: () => ({ channelType: "webhook", config: { url, secret } }),
    update: {
        change: { config: { url: "https://ops.example.com/hooks/moved", secret } },
        patch: { config: { url: "https://ops.example.com/hooks/moved", secret } },
    },
    replacing: {
        change: { channelType: "email", config: { recipients: ["oncall@example.com"] } },
        replaces: ["channelType"],
    },
    badInputs: badInputCases,
    sensitiveArguments: ["config"],
    secrets: [secret, url],
};
