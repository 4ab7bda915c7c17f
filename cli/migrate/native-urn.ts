import { resourceKinds } from "../../provider/resources";

/** The native type token for each dynamic one the registry knows. */
const nativeTokenOf = new Map(resourceKinds.map((kind) => [kind.tokens.dynamic, kind.tokens.native]));

/** The native token of a dynamic pulumi-hookstream type token; undefined for any other type. */
export function nativeTokenFor(type: string): string | undefined {
    return nativeTokenOf.get(type);
}

/**
 * The URN a resource has once every pulumi-hookstream type in it is native. A URN is
 * `urn:pulumi:<stack>::<project>::<qualified type>::<name>`, the qualified type being the parents' types and the
 * resource's own joined by `$`: a child of a moved resource changes URN too. The name may itself hold `::`, so only
 * the third part is touched.
 */
export function toNativeUrn(urn: string): string {
    const parts = urn.split("::");
    if (parts.length < 4) return urn;
    parts[2] = parts[2]!
        .split("$")
        .map((type) => nativeTokenOf.get(type) ?? type)
        .join("$");
    return parts.join("::");
}
