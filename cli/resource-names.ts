/**
 * Names for what discover prints: Pulumi resource names that stay the same from one run to the next, and TypeScript
 * variables that never collide, whatever the dashboard names hold.
 */

export interface Named {
    id: string;
    name: string;
    createdAt?: string;
}

/**
 * Valid, stable resource names: the name in kebab case, or `fallback(item)` when nothing of it is left; duplicates are
 * numbered in order of creation, so running discover again names the same item the same way.
 */
export function resourceNames<T extends Named>(
    items: readonly T[],
    fallback: (item: T) => string,
): Map<string, string> {
    const ordered = [...items].sort(
        (a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? "") || a.id.localeCompare(b.id),
    );
    const taken = new Map<string, number>();
    const names = new Map<string, string>();
    for (const item of ordered) {
        const base = kebab(item.name) || fallback(item);
        const count = (taken.get(base) ?? 0) + 1;
        taken.set(base, count);
        names.set(item.id, count === 1 ? base : `${base}-${count}`);
    }
    return names;
}

function kebab(text: string): string {
    return text
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 60);
}

/**
 * A TypeScript identifier from a kebab-case name: `ops-slack` → `opsSlack`; a leading digit or a reserved word takes
 * the kind's word (`2nd` → `channel2nd`, `delete` → `deleteChannel`).
 */
export function identifier(name: string, kind: "channel" | "rule" = "channel"): string {
    const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (!/^[a-z_]/.test(camel)) return `${kind}${camel.charAt(0).toUpperCase()}${camel.slice(1)}`;
    return reservedWords.has(camel) ? `${camel}${kind === "channel" ? "Channel" : "Rule"}` : camel;
}

/** Hands out variable names once each: a name already taken gets the kind's word, then underscores. */
export class VariableNames {
    readonly #taken = new Set<string>();

    claim(resourceName: string, kind: "channel" | "rule"): string {
        let variable = identifier(resourceName, kind);
        if (this.#taken.has(variable) && kind === "rule" && !variable.endsWith("Rule")) variable = `${variable}Rule`;
        while (this.#taken.has(variable)) variable = `${variable}_`;
        this.#taken.add(variable);
        return variable;
    }
}

// `config` is the program's own `pulumi.Config`, `pulumi` its import; the rest are TypeScript's reserved words.
const reservedWords = new Set(
    (
        "break case catch class const continue debugger default delete do else enum export extends false finally for " +
        "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
        "yield let static implements interface package private protected public await config pulumi"
    ).split(" "),
);
