/**
 * The NotificationChannel's arguments and the outputs hookstream computes for it, listed once. Free of zod and undici:
 * the program process (resource.ts) reads them as well as the provider.
 */
export const channelArgumentNames = ["channelType", "config", "name", "enabled", "adopt", "verify"] as const;

export const channelComputedOutputs = [
    "orgId",
    "envId",
    "errorCount",
    "lastError",
    "lastSentAt",
    "createdAt",
    "updatedAt",
] as const;
