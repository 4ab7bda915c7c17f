import * as pulumi from "@pulumi/pulumi";

/**
 * What every resource class hands `pulumi.dynamic.Resource`: the declared arguments with the defaults every kind
 * shares (`name` from the resource name, `enabled` true), the `import` option turned into `adopt` (the engine cannot
 * import a dynamic resource, pulumi/pulumi#16175: the option becomes an adoption, which takes the object over with no
 * POST; `adopt` is never diffed, so dropping the option later changes nothing), the URN for messages and create
 * tokens, the request to leave each create's finishing to the step `finishCreateAfterSave` registers, and each output
 * hookstream computes as `undefined`. Without arguments (`X.get`), every property is undefined and the engine reads.
 *
 * Loaded in the program process: it must import nothing but `@pulumi/pulumi`.
 */
export function dynamicResourceProps(
    name: string,
    declared: Record<string, unknown> | undefined,
    opts: pulumi.CustomResourceOptions | undefined,
    kind: { typeToken: string; argumentNames: readonly string[]; computedOutputs: readonly string[] },
): { props: Record<string, unknown>; options: pulumi.CustomResourceOptions } {
    const { import: importId, ...options } = opts ?? {};
    // Every argument and output is a key of props, so that each becomes an output property of the resource.
    const none = Object.fromEntries(kind.argumentNames.map((argument) => [argument, undefined]));
    const computed = Object.fromEntries(kind.computedOutputs.map((output) => [output, undefined]));
    const hidden = { __urn: undefined, __createMarker: undefined };
    if (declared === undefined) return { props: { ...none, ...hidden, ...computed }, options };
    const props = {
        ...none,
        ...declared,
        name: declared.name ?? name,
        enabled: declared.enabled ?? true,
        adopt: declared.adopt ?? importId,
        ...hidden,
        __urn: urnOf(name, kind.typeToken, options.parent),
        __finishAfterSave: true,
        ...computed,
    };
    return { props, options };
}

/**
 * The URN the engine will give the resource. Without a parent it is known now, and a plain string costs the program
 * nothing to send; under a parent it waits for the parent's URN (`pulumi.createUrn`).
 */
function urnOf(name: string, typeToken: string, parent: pulumi.Resource | undefined): pulumi.Input<string> {
    if (parent !== undefined) return pulumi.createUrn(name, typeToken, parent);
    return `urn:pulumi:${pulumi.getStack()}::${pulumi.getProject()}::${typeToken}::${name}`;
}
