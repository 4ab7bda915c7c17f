/**
 * ISO 8601 in UTC. D1 (SQLite) writes `YYYY-MM-DD HH:MM:SS` without a zone, which is UTC; anything unparseable is
 * passed through untouched rather than guessed at.
 */
export function toIsoTimestamp(value: string): string {
    // The documented forms, whole seconds with or without `T`/`Z`, need no Date round-trip (a hot path on reads).
    if (canonicalTimestamp.test(value)) return value;
    const sqlite = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)$/.exec(value);
    const candidate = sqlite ? `${sqlite[1]}T${sqlite[2]}Z` : value;
    if (canonicalTimestamp.test(candidate)) return candidate;
    const time = Date.parse(candidate);
    return Number.isNaN(time) ? value : new Date(time).toISOString().replace(".000Z", "Z");
}

const canonicalTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
