/**
 * Arguments of the dynamic resources that the native ones leave out. `adopt` takes over an existing object because
 * the engine cannot import dynamic resources (pulumi/pulumi#16175); native resources have `pulumi import` and the
 * `import` resource option for that.
 */
export const dynamicOnlyArguments: readonly string[] = ["adopt"];

/** The argument the host fills in with the resource's name when the program leaves it out, as the dynamic classes do. */
export const autonamedArgument = "name";
