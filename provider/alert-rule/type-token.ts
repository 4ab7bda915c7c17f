/** The type token Pulumi records for every AlertRule; free of `@pulumi/pulumi`, so the CLI can read state. */
export const ruleTypeToken = "pulumi-nodejs:dynamic/hookstream:AlertRule";
