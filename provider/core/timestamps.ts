/**
 * ISO 8601 in UTC. D1 (SQLite) writes `YYYY-MM-DD HH:MM:SS` without a zone, which is UTC; anything unparseable is
 * passed through untouched rather than guessed at.
 */
export function toIsoTimestamp(value: string): string {
    // The documented forms, whole seconds after a space or `T`, with or without `Z`, are rewritten without a Date
    // round-trip or a second match: every read maps two of them.
    if (wholeSeconds.test(value)) {
        return value.length === 20 && value[10] === "T" ? value : `${value.slice(0, 10)}T${value.slice(11, 19)}Z`;
    }
    // Fractions of a second without a zone are UTC too; anything else is left to Date.
    const sqlite = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}\.\d+)$/.exec(value);
    const candidate = sqlite ? `${sqlite[1]}T${sqlite[2]}Z` : value;
    const time = Date.parse(candidate);
    return Number.isNaN(time) ? value : new Date(time).toISOString().replace(".000Z", "Z");
}

const wholeSeconds = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}Z?$/;
