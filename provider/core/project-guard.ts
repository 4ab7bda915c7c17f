import { isNotFound, WrongProjectError } from "./errors";
import type { AnyResourceKind } from "./resource-kind";
import type { Transport } from "./transport";

/**
 * The wrong-project guard. hookstream answers 404 both for a resource that was deleted and for one of another
 * project (docs/hookstream-api.md §3.2), so a stack run with another project's key would otherwise drop every
 * resource from state on refresh and create it again in the wrong project. Before a 404 is taken as "deleted", the
 * key's project is learned from what the list endpoints return (every item carries `env_id`) and compared with the
 * project the resource was created in.
 */

type KeyProject = { known: true; envId: string } | { known: false; why: "empty" | "no env_id" };

const keyProjects = new WeakMap<Transport, Promise<KeyProject>>();

/**
 * The project of the transport's key, learned once per process and key (concurrent 404s share one lookup) from the
 * first item of each kind's list: a project that holds only one kind of object still names itself.
 */
function keyProjectOf(api: Transport, kinds: readonly AnyResourceKind[]): Promise<KeyProject> {
    let found = keyProjects.get(api);
    if (found === undefined) {
        found = sampleProjects(api, kinds);
        keyProjects.set(api, found);
        // Only a known project is kept: an empty one may hold something by the next question.
        found.then(
            (project) => project.known || keyProjects.delete(api),
            () => keyProjects.delete(api),
        );
    }
    return found;
}

async function sampleProjects(api: Transport, kinds: readonly AnyResourceKind[]): Promise<KeyProject> {
    let listedSomething = false;
    for (const kind of kinds) {
        const page = await kind.endpoints.listPage(api, { limit: 1 });
        const first: { envId?: string } | undefined = page.items[0];
        if (first === undefined) continue;
        if (typeof first.envId === "string" && first.envId !== "") return { known: true, envId: first.envId };
        listedSomething = true;
    }
    return { known: false, why: listedSomething ? "no env_id" : "empty" };
}

/** What pulumi-hookstream knows of the resource that hookstream did not find. */
export interface MissingResource {
    /** e.g. `channel "ops" (nc_1a2b)` */
    label: string;
    /** The project the resource was created in, as stored in state. */
    storedEnvId: string | undefined;
    /** The resource's URN, for the `pulumi state delete` command, when known. */
    urn: string | undefined;
    /** The fingerprint of the key that last saw it, and of the key in use (key-fingerprint.ts), when known. */
    keyFingerprints?: { stored: string | undefined; current: string };
}

/**
 * Whether a 404 means the resource is gone. Throws, having changed nothing, when the key belongs to another project
 * than the resource, or when the key's project cannot be told (it lists nothing) and so a 404 proves nothing.
 */
export async function confirmGone(
    api: Transport,
    error: unknown,
    resource: MissingResource,
    kinds: readonly AnyResourceKind[],
): Promise<void> {
    if (!isNotFound(error)) throw error;
    const keyProject = await keyProjectOf(api, kinds);
    if (keyProject.known) {
        if (resource.storedEnvId === undefined || keyProject.envId === resource.storedEnvId) return;
        throw new WrongProjectError(
            `${wrongProjectMessage(resource, resource.storedEnvId, keyProject.envId)} (${(error as Error).message})`,
        );
    }
    // A server that names no project anywhere cannot be guarded; only an empty project leaves the question open.
    if (keyProject.why === "no env_id") return;
    // The very key that last saw it: a key belongs to one project, so this is its project, emptied since.
    const keys = resource.keyFingerprints;
    if (keys?.stored !== undefined && keys.stored === keys.current) return;
    throw new WrongProjectError(`${undeterminedMessage(resource, kinds)} (${(error as Error).message})`);
}

function wrongProjectMessage(resource: MissingResource, storedEnvId: string, keyEnvId: string): string {
    return (
        `${resource.label} belongs to hookstream project ${storedEnvId}, but the API key in use belongs to project ` +
        `${keyEnvId}. Nothing was changed. This stack's resources live in ${storedEnvId}: use that project's key ` +
        "(`pulumi config set --secret hookstream:apiKey <key>` for this stack, or HOOKSTREAM_API_KEY), then run " +
        "`pulumi refresh --run-program` once (a plain refresh or destroy reuses the key saved by the last `up`)."
    );
}

function undeterminedMessage(resource: MissingResource, kinds: readonly AnyResourceKind[]): string {
    const created = resource.storedEnvId ? ` (it was created in project ${resource.storedEnvId})` : "";
    const urn = resource.urn ? `'${resource.urn}'` : "<urn> (find it with `pulumi stack --show-urns`)";
    const held = kinds.map((kind) => `${kind.label}s`).join(" or ");
    return (
        `${resource.label} was not found (404) with the API key in use${created}, and that key's hookstream project ` +
        `holds no ${held}, so it cannot be told which project the key belongs to. Nothing was ` +
        "changed. Either: (1) the stack runs with another project's key: set this stack's key with " +
        "`pulumi config set --secret hookstream:apiKey <key>` (or HOOKSTREAM_API_KEY) and run " +
        "`pulumi refresh --run-program`; or (2) it really was deleted in hookstream: remove it from the stack with " +
        `\`pulumi state delete ${urn}\`, and the next \`pulumi up\` creates it again if it is still declared.`
    );
}
