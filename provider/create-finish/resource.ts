import * as pulumi from "@pulumi/pulumi";
import shim = require("./shim");

/**
 * Registers the step that finishes creates. Its PATCH takes a create's marker off only once the engine has saved the
 * resource's id: the step depends on the resource, and the engine saves a step's result before any step that depends
 * on it starts (pulumi/pulumi pkg/resource/deploy/step_executor.go). So whenever `up` is killed, an object is either
 * known to state or still marked, and the next attempt at its create takes a marked one up again instead of creating
 * a second (core/marked-create.ts). Killed before the step finished, the next `up` runs it again.
 *
 * One step serves every resource of the program, so the engine does one more step per program rather than one per
 * resource: it is registered with the first resource and sent once every resource registered so far has its id and
 * no new one followed. A resource declared after that (inside the callback of an output that resolved late) gets a
 * step of its own, its child.
 *
 * Loaded in the program process: it must import nothing but `@pulumi/pulumi` and the shim.
 */
export function finishCreateAfterSave(resource: pulumi.CustomResource, name: string, kind: string): void {
    const member = { resource, kind };
    const batch = openBatch();
    if (batch !== undefined) {
        batch.push(member);
        return;
    }
    // Not protected with a protected resource: unprotecting the resource alone must let `destroy` through.
    const finished = Promise.resolve([member]);
    register(name, finished, { parent: resource, protect: false });
}

/** The name of the program's finishing step. */
export const programFinishName = "hookstream-create-finish";

interface Member {
    resource: pulumi.CustomResource;
    kind: string;
}

/**
 * The program's batch while it still takes members, per run of the program: an Automation API inline program runs in
 * one process many times, each run with its own stack resource and its own connection to the engine (or mocks).
 */
const batches = new WeakMap<object, { members: Member[]; open: boolean }>();
const outsideAStack = {};

function openBatch(): Member[] | undefined {
    const run = pulumi.runtime.getStackResource() ?? pulumi.runtime.getMonitor() ?? outsideAStack;
    const existing = batches.get(run);
    if (existing !== undefined) return existing.open ? existing.members : undefined;
    const batch = { members: [] as Member[], open: true };
    batches.set(run, batch);
    const sealed = (async () => {
        // Registered resources resolve their ids in turn; those declared inside their callbacks join before sealing.
        for (let seen = -1; seen !== batch.members.length;) {
            seen = batch.members.length;
            await Promise.all(batch.members.map(({ resource }) => settled(resource.id)));
            await new Promise((resolve) => setImmediate(resolve));
        }
        batch.open = false;
        return batch.members;
    })();
    register(programFinishName, sealed, { protect: false });
    return batch.members;
}

/**
 * Registers one finishing step for the members `finished` resolves to. Members whose own registration failed are left
 * out: the engine has already reported them, and the rest still get finished.
 */
function register(
    name: string,
    finished: Promise<Member[]>,
    options: { parent?: pulumi.Resource; protect: false },
): void {
    const usable = finished.then(async (members) => {
        const ok = await Promise.all(members.map(({ resource }) => settled(resource.id)));
        return members.filter((_, i) => ok[i]);
    });
    const outputsOf = ({ resource, kind }: Member) => {
        const outputs = resource as unknown as {
            name: pulumi.Output<string>;
            enabled: pulumi.Output<boolean>;
            __createMarker: pulumi.Output<string | undefined>;
        };
        return {
            resource: kind,
            objectId: resource.id,
            name: outputs.name,
            enabled: outputs.enabled,
            marker: outputs.__createMarker,
        };
    };
    const dependsOn: Promise<pulumi.Resource[]> = usable.then((members) => members.map(({ resource }) => resource));
    new CreateFinish(
        shim,
        name,
        // A list of members, each serialized on its own: in a preview, a new member's unknown id leaves the others known.
        { members: usable.then((members) => members.map(outputsOf)) },
        { ...options, dependsOn },
        "hookstream",
        "CreateFinish",
    );
}

/** Resolves once `id` has settled, to whether it resolved (a failed registration rejects it). */
function settled(id: pulumi.Output<pulumi.ID>): Promise<boolean> {
    const promise = (id as unknown as { promise(): Promise<unknown> }).promise();
    return promise.then(
        () => true,
        () => false,
    );
}

/** Its type token: `pulumi-nodejs:dynamic/hookstream:CreateFinish`. */
class CreateFinish extends pulumi.dynamic.Resource {}
