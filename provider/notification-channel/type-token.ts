/**
 * The type tokens Pulumi records for every NotificationChannel, one per host; free of `@pulumi/pulumi` and zod, so the
 * program process and the CLI can read them.
 */
export const channelTypeTokens = {
    dynamic: "pulumi-nodejs:dynamic/hookstream:NotificationChannel",
    native: "hookstream:index:NotificationChannel",
} as const;
