import type * as pulumi from "@pulumi/pulumi";

/** A value, or a value Pulumi resolves later, all the way down: what a resource argument may be given as. */
export type InputTree<T> = T extends readonly (infer E)[]
    ? pulumi.Input<InputTree<E>[]>
    : T extends object
      ? pulumi.Input<{ [K in keyof T]: InputTree<T[K]> }>
      : pulumi.Input<T>;
