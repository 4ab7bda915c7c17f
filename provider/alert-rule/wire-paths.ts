import type { WirePathTable } from "../core/wire-paths";
import { ruleTypeDescriptors } from "./rule-types";

/**
 * The AlertRule's wire fields and the arguments they are sent for (request.ts builds the bodies), to tell hookstream's
 * 400 in the program's terms (core/wire-paths.ts). Ids are named; nothing else is.
 */
export const ruleWirePaths: WirePathTable = [
    { wire: "name", argument: "name" },
    { wire: "description", argument: "description" },
    { wire: "rule_type", argument: "ruleType" },
    { wire: "rule_config", argument: "ruleConfig" },
    // The spelling each setting is sent in (rule-config-wire.ts writes the first); a key shared by types, such as
    // `threshold`, maps alike in each.
    ...new Map(
        Object.values(ruleTypeDescriptors).flatMap((descriptor) =>
            Object.entries(descriptor.wireKeys as Record<string, readonly [string, ...string[]]>).map(
                ([key, [sent]]) => [sent, { wire: `rule_config.${sent}`, argument: `ruleConfig.${key}` }] as const,
            ),
        ),
    ).values(),
    { wire: "source_id", argument: "sourceId", nameValue: true },
    { wire: "destination_id", argument: "destinationId", nameValue: true },
    { wire: "channel_ids", argument: "channelIds", nameValue: true },
    { wire: "cooldown_minutes", argument: "cooldownMinutes" },
    { wire: "enabled", argument: "enabled" },
];
