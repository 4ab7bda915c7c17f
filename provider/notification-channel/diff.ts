import { isDeepStrictEqual } from "node:util";
import { isUnknown, containsUnknown } from "../core/unknowns";
import type { ChannelPatch } from "./endpoints";
import type { ChannelInput } from "./schema";

/** The fields a diff looks at, in stored outputs and in checked inputs alike. */
export interface ComparedFields {
    channelType?: unknown;
    name?: unknown;
    enabled?: unknown;
    config?: unknown;
}

/**
 * The arguments that differ between the stored outputs (which echo the checked inputs) and the new checked inputs.
 * Only inputs take part: server-computed fields (timestamps, error counters) never cause a diff, and secrets are
 * compared input-to-input, never against what hookstream returns. An unknown type might differ, so it counts.
 */
export function diffChannel(olds: ComparedFields, news: ComparedFields): string[] {
    const changed: string[] = [];
    if (isUnknown(news.channelType) || olds.channelType !== news.channelType) changed.push("channelType");
    if (!sameValue(olds.name, news.name)) changed.push("name");
    if (!sameValue(olds.enabled ?? true, news.enabled ?? true)) changed.push("enabled");
    if (!sameConfig(olds.config, news.config)) changed.push("config");
    return changed;
}

/**
 * The PATCH that brings `current` to `declared`. The type is never patched (docs/hookstream-api.md §1.4: a change
 * replaces the channel); the config is sent whole, since whether hookstream merges or replaces it is undocumented.
 */
export function patchChannel(current: ComparedFields, declared: ChannelInput): ChannelPatch {
    const changed = diffChannel(current, declared);
    const patch: ChannelPatch = {};
    if (changed.includes("name")) patch.name = declared.name;
    if (changed.includes("config")) patch.config = declared.config;
    if (changed.includes("enabled")) patch.enabled = declared.enabled;
    return patch;
}

function sameValue(a: unknown, b: unknown): boolean {
    return !containsUnknown(b) && a === b;
}

function sameConfig(olds: unknown, news: unknown): boolean {
    if (containsUnknown(news)) return false;
    // A config equal as written is equal in meaning, and most diffs compare one with itself: no URL to parse.
    return isDeepStrictEqual(olds, news) || canonicalConfig(olds) === canonicalConfig(news);
}

/**
 * One string per meaning: keys sorted, URLs in WHATWG form (`https://A.com` = `https://a.com/`), recipients as a
 * case-insensitive set. Secret values take part as given: they come from inputs on both sides.
 */
export function canonicalConfig(config: unknown): string {
    if (typeof config !== "object" || config === null) return JSON.stringify(config ?? null);
    const entries = Object.entries(config as Record<string, unknown>)
        .filter(([, value]) => value !== undefined && value !== null)
        .map(([key, value]): [string, unknown] => [key, canonicalField(key, value)])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify(entries);
}

function canonicalField(key: string, value: unknown): unknown {
    if (key === "url" && typeof value === "string") return canonicalUrl(value);
    if (key === "recipients" && Array.isArray(value)) {
        return [...new Set(value.map((address) => String(address).toLowerCase()))].sort();
    }
    return value;
}

function canonicalUrl(value: string): string {
    try {
        return new URL(value).href;
    } catch {
        return value;
    }
}
