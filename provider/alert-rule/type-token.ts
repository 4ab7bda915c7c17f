/**
 * The type tokens Pulumi records for every AlertRule, one per host; free of `@pulumi/pulumi` and zod, so the program
 * process and the CLI can read them.
 */
export const ruleTypeTokens = {
    dynamic: "pulumi-nodejs:dynamic/hookstream:AlertRule",
    native: "hookstream:index:AlertRule",
} as const;
