import * as pulumi from "@pulumi/pulumi";
import shim = require("./shim");

/**
 * Registers the step that finishes a create: a child of the resource, which the engine runs only once it has saved
 * the resource's id, because it depends on it (pulumi/pulumi pkg/resource/deploy/step_executor.go: a step's result is
 * saved before any step that depends on it starts). So the create's marker comes off after the id is in state, never
 * before: whenever `up` is killed, an object is either known to state or still marked, and the next attempt at its
 * create takes a marked one up again instead of creating a second (core/marked-create.ts). Killed before this step
 * finished, the next `up` runs it again.
 *
 * Loaded in the program process: it must import nothing but `@pulumi/pulumi` and the shim.
 */
export function finishCreateAfterSave(resource: pulumi.CustomResource, name: string, kind: string): void {
    const outputs = resource as unknown as {
        name: pulumi.Output<string>;
        enabled: pulumi.Output<boolean>;
        __createMarker: pulumi.Output<string | undefined>;
    };
    new CreateFinish(
        shim,
        name,
        {
            resource: kind,
            objectId: resource.id,
            name: outputs.name,
            enabled: outputs.enabled,
            marker: outputs.__createMarker,
        },
        // Not protected with a protected resource: unprotecting the resource alone must let `destroy` through.
        { parent: resource, protect: false },
        "hookstream",
        "CreateFinish",
    );
}

/** Its type token: `pulumi-nodejs:dynamic/hookstream:CreateFinish`. */
class CreateFinish extends pulumi.dynamic.Resource {}
