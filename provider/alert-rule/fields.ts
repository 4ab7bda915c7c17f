/**
 * The AlertRule's arguments and the outputs hookstream computes for it, listed once. Free of zod and undici: the
 * program process (resource.ts) reads them as well as the provider.
 */
export const ruleArgumentNames = [
    "ruleType",
    "ruleConfig",
    "name",
    "description",
    "sourceId",
    "destinationId",
    "channelIds",
    "cooldownMinutes",
    "enabled",
    "adopt",
] as const;

export const ruleComputedOutputs = [
    "orgId",
    "envId",
    "lastTriggeredAt",
    "triggerCount",
    "createdAt",
    "updatedAt",
] as const;
