import type { PropertyPath } from "./secret-paths";

/**
 * Pulumi's wire form of a secret value: an object with the signature key (pulumi `sdk/go/common/resource/sig`). The
 * engine sends secrets this way to a provider that accepts secrets, and keeps secret what comes back this way.
 */
export const signatureKey = "4dabf18193072939515e22adb298388d";
export const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

export type Bag = Record<string, unknown>;

/** Values with their secrets unwrapped, and where each secret was. */
export interface Unwrapped {
    values: Bag;
    secretPaths: PropertyPath[];
}

export function isWrappedSecret(value: unknown): value is { value?: unknown } {
    return typeof value === "object" && value !== null && (value as Bag)[signatureKey] === secretSignature;
}

/** The plain values the providers take, and the paths that arrived secret so that they leave secret too. */
export function unwrapSecrets(values: Bag): Unwrapped {
    const secretPaths: PropertyPath[] = [];
    const plain = (value: unknown, path: PropertyPath): unknown => {
        if (isWrappedSecret(value)) {
            secretPaths.push(path);
            return plain(value.value, path);
        }
        if (Array.isArray(value)) return value.map((item, index) => plain(item, [...path, index]));
        if (typeof value === "object" && value !== null) {
            return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, [...path, key])]));
        }
        return value;
    };
    return { values: plain(values, []) as Bag, secretPaths };
}

/**
 * The values as the engine must receive them: each path that exists wrapped as a secret (a path inside one already
 * wrapped is covered by it), and no undefined anywhere (a protobuf Struct cannot hold it, pulumi/pulumi#2205).
 */
export function wrapSecrets(values: Bag, paths: readonly PropertyPath[]): Bag {
    const keys = new Set(paths.map((path) => JSON.stringify(path.map(String))));
    const wrap = (value: unknown, path: string[]): unknown => {
        if (value === undefined) return undefined;
        const inner = Array.isArray(value)
            ? value.map((item, index) => wrap(item, [...path, String(index)]) ?? null)
            : typeof value === "object" && value !== null
              ? Object.fromEntries(
                    Object.entries(value)
                        .map(([key, item]) => [key, wrap(item, [...path, key])] as const)
                        .filter(([, item]) => item !== undefined),
                )
              : value;
        return path.length > 0 && keys.has(JSON.stringify(path))
            ? { [signatureKey]: secretSignature, value: unwrapSecrets({ inner }).values.inner }
            : inner;
    };
    return wrap(values, []) as Bag;
}
