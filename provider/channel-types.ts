/**
 * The channel types and which of their config fields are credentials. Free of zod on purpose: the program side
 * (resource.ts) needs only this, and loading zod there cost every preview about 70 ms (npm run bench).
 */

export const channelTypes = ["webhook", "slack", "discord", "email"] as const;
export type ChannelType = (typeof channelTypes)[number];

/** The config keys that are credentials: stored as Pulumi secrets and never compared with what the API returns. */
export const secretConfigKeys: Record<ChannelType, readonly string[]> = {
    webhook: ["secret"],
    slack: ["url"],
    discord: ["url"],
    email: [],
};
