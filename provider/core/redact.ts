const mask = "[redacted]";

/**
 * Replaces every occurrence of the given values in a text. Used on anything a person may read (error messages,
 * debug logs) before it is built, as octokit's RequestError does, so no later code path can leak what was sent.
 * Values shorter than 4 characters are left alone: masking them would shred ordinary words.
 */
export function redact(text: string, values: readonly (string | undefined)[]): string {
    let result = text;
    for (const value of [...values].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0))) {
        if (value === undefined || value.length < 4) continue;
        result = result.split(value).join(mask);
    }
    return result;
}

/** An API key as it may appear in a description: its documented prefix only (`hs_live_`, `hs_test_`). */
export function describeApiKey(apiKey: string): string {
    const prefix = /^hs_(live|test)_/.exec(apiKey)?.[0] ?? "";
    return `${prefix}${mask}`;
}

/** Every string inside a value (an object's values, an array's items), e.g. a channel config's credentials. */
export function stringsIn(value: unknown): string[] {
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) return value.flatMap(stringsIn);
    if (typeof value === "object" && value !== null) return Object.values(value).flatMap(stringsIn);
    return [];
}
