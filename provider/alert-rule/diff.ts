import { containsUnknown, isUnknown } from "../core/unknowns";

/** The fields a diff looks at, in stored outputs, checked inputs and a rule read from hookstream alike. */
export interface ComparedFields {
    ruleType?: unknown;
    ruleConfig?: unknown;
    name?: unknown;
    description?: unknown;
    sourceId?: unknown;
    destinationId?: unknown;
    channelIds?: unknown;
    cooldownMinutes?: unknown;
    enabled?: unknown;
}

export type ComparedField = keyof ComparedFields;

/**
 * The arguments that differ between the stored outputs (which echo the checked inputs) and the new checked inputs.
 * Only inputs take part: server-computed fields (trigger count, timestamps) never cause a diff, and `channelIds` is a
 * set. An unknown type might differ, so it counts.
 */
export function diffRule(olds: ComparedFields, news: ComparedFields): ComparedField[] {
    const changed: ComparedField[] = [];
    if (isUnknown(news.ruleType) || olds.ruleType !== news.ruleType) changed.push("ruleType");
    if (!sameValue(olds.name, news.name)) changed.push("name");
    // hookstream returns null for an unset text or scope; an empty description is no description.
    if (!sameValue(olds.description || undefined, news.description || undefined)) changed.push("description");
    if (!sameValue(olds.sourceId ?? undefined, news.sourceId ?? undefined)) changed.push("sourceId");
    if (!sameValue(olds.destinationId ?? undefined, news.destinationId ?? undefined)) changed.push("destinationId");
    if (!sameIdSet(olds.channelIds, news.channelIds)) changed.push("channelIds");
    if (!sameValue(olds.cooldownMinutes ?? 60, news.cooldownMinutes ?? 60)) changed.push("cooldownMinutes");
    if (!sameValue(olds.enabled ?? true, news.enabled ?? true)) changed.push("enabled");
    if (containsUnknown(news.ruleConfig) || canonicalConfig(olds.ruleConfig) !== canonicalConfig(news.ruleConfig)) {
        changed.push("ruleConfig");
    }
    return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
    return !containsUnknown(b) && a === b;
}

/** Order carries no meaning in `channelIds`; absent is the empty list. */
function sameIdSet(olds: unknown, news: unknown): boolean {
    if (containsUnknown(news)) return false;
    const a = new Set(Array.isArray(olds) ? olds : []);
    const b = new Set(Array.isArray(news) ? news : []);
    return a.size === b.size && [...a].every((id) => b.has(id));
}

/** One string per meaning: keys sorted, absent and null fields left out; an absent config is the empty one. */
export function canonicalConfig(config: unknown): string {
    if (typeof config !== "object" || config === null) return "[]";
    const entries = Object.entries(config as Record<string, unknown>)
        .filter(([, value]) => value !== undefined && value !== null)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify(entries);
}
