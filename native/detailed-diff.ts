import type { Bag } from "./secret-values";

export type DiffKind = "add" | "delete" | "update";

/** One entry of a detailed diff: the property path the engine shows, how it changes, whether it replaces. */
export interface PropertyChange {
    path: string;
    kind: DiffKind;
    replace: boolean;
}

/**
 * What a preview marks, from the arguments the kind's diff found changed: an object argument is marked by the fields
 * inside it that differ (a rotated webhook secret marks `config.secret`, not the whole config), anything else as a
 * whole. Values are compared as given: whether an argument changed at all is the kind's to say (core diffOf), this
 * only says where.
 */
export function detailedChanges(
    olds: Bag,
    news: Bag,
    changed: readonly string[],
    replaces: readonly string[],
): PropertyChange[] {
    return changed.flatMap((key) => {
        const replace = replaces.includes(key);
        const before = olds[key];
        const after = news[key];
        if (isPlainObject(before) && isPlainObject(after)) {
            const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
                (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
            );
            if (fields.length > 0) {
                return fields.map((field) => ({
                    path: `${key}.${field}`,
                    kind: changeKind(before[field], after[field]),
                    replace,
                }));
            }
        }
        return [{ path: key, kind: changeKind(before, after), replace }];
    });
}

function changeKind(before: unknown, after: unknown): DiffKind {
    if (before === undefined || before === null) return "add";
    if (after === undefined || after === null) return "delete";
    return "update";
}

function isPlainObject(value: unknown): value is Bag {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
