import { isUnknown } from "../provider/core/unknowns";
import { unwrapSecrets, type Bag } from "./secret-values";

/** The provider config keys, as the schema declares them (`hookstream:apiKey` in stack config). */
export const configKeys = ["apiKey", "baseUrl"] as const;

/**
 * The provider's config as `configureFromStack` reads it (`hookstream:apiKey`), from what Configure carries: the
 * provider's arguments (an explicit provider's, secrets still wrapped) first, then the stack config variables the
 * engine names `hookstream:config:apiKey`. A value not known yet (preview) counts as unset.
 */
export function stackConfigOf(
    variables: { get(key: string): string | undefined },
    args: Bag | undefined,
): { get(key: string): string | undefined } {
    const plainArgs = args ? unwrapSecrets(args).values : {};
    const settings = new Map<string, string>();
    for (const key of configKeys) {
        const value = plainArgs[key] ?? variables.get(`hookstream:config:${key}`);
        if (typeof value === "string" && !isUnknown(value)) settings.set(`hookstream:${key}`, value);
    }
    return { get: (key) => settings.get(key) };
}
