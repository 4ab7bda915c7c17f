import { isRuleType, ruleTypeDescriptors, type RuleType } from "./rule-types";

/**
 * `ruleConfig` between its public camelCase form and hookstream's snake_case `rule_config`
 * (docs/hookstream-api.md §6.7). Writing uses the API page's spelling; reading accepts every documented one, and
 * numbers sent back as text.
 */

/** The `rule_config` to send for a checked config. */
export function toWireConfig(ruleType: RuleType, config: Record<string, unknown>): Record<string, unknown> {
    const spellings = ruleTypeDescriptors[ruleType].wireKeys as Record<string, readonly string[] | undefined>;
    const wire: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
        if (value !== undefined) wire[spellings[key]?.[0] ?? toSnakeCase(key)] = value;
    }
    return wire;
}

/**
 * The public config for what hookstream returned. For a known type only its documented fields are kept, so a field
 * hookstream adds later never shows as drift; a type this version does not know is converted key by key.
 */
export function fromWireConfig(ruleType: string, wire: Record<string, unknown>): Record<string, unknown> {
    const config: Record<string, unknown> = {};
    if (!isRuleType(ruleType)) {
        for (const [key, value] of Object.entries(wire)) {
            if (value !== null && value !== undefined) config[toCamelCase(key)] = value;
        }
        return config;
    }
    const spellings = ruleTypeDescriptors[ruleType].wireKeys as Record<string, readonly string[]>;
    for (const [key, names] of Object.entries(spellings)) {
        const name = names.find((candidate) => wire[candidate] !== null && wire[candidate] !== undefined);
        if (name !== undefined) config[key] = readNumber(wire[name]);
    }
    return config;
}

/** A number, or text holding one (`"0.1"`, or a percentile written `"p95"`); anything else as it came. */
function readNumber(value: unknown): unknown {
    if (typeof value !== "string") return value;
    const text = value.trim().replace(/^p(?=\d)/i, "");
    const number = Number(text);
    return text !== "" && Number.isFinite(number) ? number : value;
}

function toSnakeCase(key: string): string {
    return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function toCamelCase(key: string): string {
    return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}
