/**
 * During preview the engine sends inputs it does not know yet as this sentinel string, whatever their declared type
 * (pulumi/pulumi#6310; the dynamic-provider host compares `__provider` against the same value).
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
    return value === unknownValue;
}

/** True when the value, or anything inside it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsUnknown);
    return false;
}

/** True when the path runs through a value that is not known yet, so a complaint about it means nothing. */
export function pathReachesUnknown(root: unknown, path: readonly PropertyKey[]): boolean {
    let current: unknown = root;
    for (const key of path) {
        if (isUnknown(current)) return true;
        if (typeof current !== "object" || current === null) return false;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return isUnknown(current);
}
