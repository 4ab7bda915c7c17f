/** The type token Pulumi records for every NotificationChannel; free of `@pulumi/pulumi`, so the CLI can read state. */
export const channelTypeToken = "pulumi-nodejs:dynamic/hookstream:NotificationChannel";
