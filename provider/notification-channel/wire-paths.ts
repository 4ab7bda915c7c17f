import type { WirePathTable } from "../core/wire-paths";

/**
 * The NotificationChannel's wire fields and the arguments they are sent for (endpoints.ts builds the bodies), to tell
 * hookstream's 400 in the program's terms (core/wire-paths.ts). No value is named: a URL or a secret is a credential.
 */
export const channelWirePaths: WirePathTable = [
    { wire: "name", argument: "name" },
    { wire: "channel_type", argument: "channelType" },
    { wire: "config", argument: "config" },
    { wire: "enabled", argument: "enabled" },
];
