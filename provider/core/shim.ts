import type * as pulumi from "@pulumi/pulumi";

/**
 * What `__provider` holds, for one resource kind. Pulumi serializes this object into every resource's state; whatever
 * it captured would be written there too. So it captures nothing but the kind's name, and `require`s the
 * implementation each call from the package installed beside the program: refresh and destroy of old resources run
 * the current code, and no credential, zod or undici is ever inlined (the SST RPC-shim pattern).
 *
 * Each kind's shim module exports the object as its whole export: when the package is installed in node_modules,
 * Pulumi's serializer then stores `require("pulumi-hookstream/<export path>")` instead of the functions' text.
 */
export function createShim(kind: string): pulumi.dynamic.ResourceProvider {
    let loaded: pulumi.dynamic.ResourceProvider | undefined;
    /**
     * Resolved from the program directory (the host's working directory), as if a file there required it: that
     * finds an installed package in node_modules, and also the package itself when the program lives inside its
     * source tree (Node's self-reference). A plain `require` would resolve from nowhere: the host loads shims as text.
     * Looked up once per host process rather than once per call.
     */
    const implementation = (): pulumi.dynamic.ResourceProvider =>
        (loaded ??= require("node:module").createRequire(`${process.cwd()}/`)("pulumi-hookstream/runtime").providers[
            kind
        ]);
    return {
        configure: (req) => implementation().configure!(req),
        check: (olds, news) => implementation().check!(olds, news),
        diff: (id, olds, news) => implementation().diff!(id, olds, news),
        create: (inputs) => implementation().create(inputs),
        read: (id, props) => implementation().read!(id, props),
        update: (id, olds, news) => implementation().update!(id, olds, news),
        delete: (id, props) => implementation().delete!(id, props),
    };
}
