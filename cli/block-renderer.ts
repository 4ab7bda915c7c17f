/**
 * How `discover` writes one kind's objects as Pulumi declarations. Each registered kind has one (cli/renderers.ts);
 * `renderProgram` (discover.ts) names, orders and wraps the blocks.
 */

export interface RenderContext {
    /** The TypeScript variable of each object declared so far, by id (a rule refers to its channels by these). */
    variables: ReadonlyMap<string, string>;
    /** This object's variable, for config keys that must be unique. */
    variable: string;
    /**
     * Declares a secret the program reads from stack config and returns the expression that reads it. `key` is a
     * unique config key; `label` says what it is, e.g. `Slack webhook URL of "ops" (nc_…)`.
     */
    secret(key: string, value: string | undefined, label: string): string;
}

/** One declaration's arguments, or why the object is left out. */
export type Block = { args: string[]; comments?: string[] } | { skipped: string };

export interface BlockRenderer<H extends { id: string; name: string }> {
    /** The pulumi-hookstream class the block constructs. */
    className: string;
    /** The word a variable takes when its name is not a valid identifier or is taken: `channel`, `rule`. */
    word: "channel" | "rule";
    /** A resource name for an object whose name leaves none (e.g. only punctuation). */
    fallbackName(object: H): string;
    /** The ids of other discovered objects this one refers to (which must then be declared as variables). */
    references?(object: H): readonly string[];
    render(object: H, context: RenderContext): Block;
}

/** `{ thresholdMs: 2000, percentileTarget: 95 }`: keys bare where TypeScript allows it, values as JSON. */
export function objectLiteral(entries: readonly [string, string][]): string {
    if (entries.length === 0) return "{}";
    const fields = entries.map(
        ([key, code]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${code}`,
    );
    return `{ ${fields.join(", ")} }`;
}
