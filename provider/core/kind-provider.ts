import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { asError } from "./ambiguous";
import { checkInputs } from "./check";
import { configureFromStack, connection, type Connection } from "./connection";
import { deletedSinceRefresh } from "./deleted-since-refresh";
import { warnAbout } from "./engine-log";
import { HookstreamError, PartialCreateError, isNotFound, type ApiError } from "./errors";
import { markerIn } from "./create-token";
import { createMarked, finishingPatch } from "./marked-create";
import { confirmGone, type MissingResource } from "./project-guard";
import { Leftovers } from "./leftovers";
import { ReadBatcher } from "./read-batcher";
import {
    discriminatorOf,
    listEveryObject,
    type AnyResourceKind,
    type DeclaredBase,
    type HeldObject,
    type ResourceKind,
    type StoredBase,
} from "./resource-kind";
import type { Transport } from "./transport";

/** A kind's provider as the hosts run it; `diff` also names every changed argument, for a detailed diff. */
export type KindProvider<Declared, Stored> = pulumi.dynamic.ResourceProvider<Declared, Stored> & {
    diff(id: string, olds: Stored, news: Declared): Promise<pulumi.dynamic.DiffResult & { changed: string[] }>;
};

/** Any kind's provider, whatever its types: what the hosts hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKindProvider = KindProvider<any, any>;

/** What a kind's provider needs from the registry: every kind, whose lists tell the wrong-project guard the key's project. */
export interface ProviderContext {
    kinds: readonly AnyResourceKind[];
}

/**
 * Builds a resource kind's provider from its descriptor: check, diff, create (a marked create and its finishing
 * step, or an adoption), batched read, update, delete, the wrong-project guard and the partial-success errors, the
 * same for every kind.
 */
export function buildProvider<D extends DeclaredBase, S extends StoredBase, H extends HeldObject, P extends object>(
    kind: ResourceKind<D, S, H, P>,
    context: ProviderContext,
): KindProvider<D, S> {
    const reads = new ReadBatcher<H>({
        page: (api, cursor) => kind.endpoints.listPage(api, { cursor, limit: 100 }),
        idOf: (held) => held.id,
        isComplete: (held) => held.partial !== true,
    });
    const missing = (id: string, stored: Partial<S> | undefined, seenBy: Connection): MissingResource => ({
        label: `${kind.label}${stored?.name ? ` "${stored.name}"` : ""} (${id})`,
        storedEnvId: stored?.envId,
        urn: stored?.__urn,
        keyFingerprints: { stored: stored?.__keyFingerprint, current: seenBy.keyFingerprint },
    });
    /** Outputs (built for this call) carry the fingerprint of the key that saw the object, never the key. */
    const stamped = (outputs: S, seenBy: Connection): S => {
        outputs.__keyFingerprint = seenBy.keyFingerprint;
        return outputs;
    };
    const confirm = (seenBy: Connection, error: unknown, resource: MissingResource) =>
        confirmGone(seenBy.transport, error, resource, context.kinds);
    const check = kind.deliveryCheck;
    const leftovers = new Leftovers<H>((api) => listEveryObject(api, kind));
    /**
     * The object `diff` last saw under each URN. The engine creates a resource it diffed only to replace it (whatever
     * asked for the replacement), and a replacement's create has its URN's nonce (create-token.ts): the object it
     * replaces, should it still bear its own create's marker, is no leftover of it.
     */
    const diffedIds = new Map<string, string>();

    /** The outputs of an object that exists but whose create or update did not finish: the next `up` mends them. */
    const partialOutputs = (outputs: S, providerText: unknown): Record<string, unknown> => ({
        ...(outputs as unknown as Record<string, unknown>),
        ...(check ? { verification: "failed" } : {}),
        __provider: providerText,
    });

    return {
        configure: (req) => configureFromStack(req.config),

        async check(olds, news) {
            const outcome = checkInputs(
                news as Record<string, unknown>,
                kind.inputRules,
                olds as Record<string, unknown>,
            );
            if (!outcome.ok) return { inputs: news, failures: outcome.failures };
            if (outcome.complete && kind.advise) await kind.advise(outcome.inputs);
            return { inputs: outcome.inputs as D };
        },

        async diff(id, olds, news) {
            const outcome = diffOf(kind, olds, news);
            if (news.__urn !== undefined) diffedIds.set(news.__urn, id);
            const marker = typeof olds.name === "string" ? markerIn(olds.name) : undefined;
            if (marker !== undefined && outcome.changed.includes("name")) {
                await warnAbout(
                    news.__urn,
                    `hookstream holds this ${kind.label} as "${olds.name}": the step that finishes its create ` +
                        "did not run (the `up` that created it failed or was killed after the engine saved it). " +
                        "This update gives it its declared name.",
                );
            }
            return { ...outcome, deleteBeforeReplace: false };
        },

        async create(inputs) {
            const conn = connection();
            const api = conn.transport;
            let held = inputs.adopt ? await adopt(api, inputs.adopt, inputs) : await createOnce(api, inputs);
            // The resource class of the dynamic host registers a step that takes the marker off once the engine has
            // saved this create's id (create-finisher.ts): until then, the marker is all that ties the object to it.
            const marker = inputs.adopt ? undefined : markerIn(held.name);
            const deferred = inputs.__finishAfterSave === true && marker !== undefined;
            // From here on the object exists: a failure keeps it in state with what is true now, and the next `up`
            // finishes the job as an update.
            const finish = deferred ? {} : finishingPatch(held, inputs);
            try {
                if (Object.keys(finish).length > 0) held = await kind.endpoints.update(api, held.id, finish as P);
                if (check && wantsCheck(inputs)) await check.run(api, held.id, inputs);
            } catch (error) {
                // What hookstream holds: a name still marked is drift the next `up` mends.
                const outputs = stamped({ ...kind.toOutputs(inputs, held), name: held.name }, conn);
                const step = Object.keys(finish).length > 0 ? ` (${Object.keys(finish).join(", ")})` : "";
                throw new PartialCreateError(
                    held.id,
                    partialOutputs(outputs, providerTextOf(inputs)),
                    asError(error),
                    `${kind.label} ${held.id} was created, but finishing it${step} failed`,
                );
            }
            if (!deferred) return { id: held.id, outs: stamped(kind.toOutputs(inputs, held), conn) };
            // What hookstream will hold once the finishing step has run, and the marker that step takes off.
            const outputs = { ...kind.toOutputs(inputs, held), name: inputs.name, enabled: inputs.enabled };
            return { id: held.id, outs: stamped({ ...outputs, __createMarker: marker }, conn) };
        },

        async read(id, props) {
            const stored = props ?? ({} as Partial<S>);
            const conn = connection();
            const api = conn.transport;
            let held: H;
            try {
                const getOne = () => kind.endpoints.get(api, id);
                held = await (conn.batchReads ? reads.read(api, id, getOne) : getOne());
            } catch (error) {
                await confirm(conn, error, missing(id, stored, conn));
                return {};
            }
            const declared = kind.toInputs(held, stored);
            const outputs = stamped(kind.toOutputs(declared, held), conn);
            if (check && stored.verification) outputs.verification = stored.verification;
            // The inputs that would produce what hookstream holds, in the outputs shape the host expects for them.
            const inputs = kind.toOutputs(declared, undefined);
            return { id: held.id, props: outputs, ...(echoedIn(stored, inputs) ? {} : { inputs }) };
        },

        async update(id, olds, news) {
            const patch = kind.patch(olds, news);
            const hasPatch = Object.keys(patch).length > 0;
            const checkDue = check !== undefined && wantsCheck(news) && check.isDue(olds, news, patch);
            // Nothing for hookstream to do (e.g. only `adopt` or the stored shim changed): keep what we know.
            const conn = connection();
            if (!hasPatch && !checkDue) return { outs: stamped({ ...olds, ...kind.toOutputs(news, undefined) }, conn) };
            const api = conn.transport;
            // After a write, only hookstream knows the object: no earlier list page may answer for it.
            reads.forget(api, id);
            let held: H | undefined;
            if (hasPatch) {
                try {
                    held = await kind.endpoints.update(api, id, patch);
                } catch (error) {
                    if (!isNotFound(error)) throw error;
                    await confirm(conn, error, missing(id, olds, conn));
                    throw deletedSinceRefresh(missing(id, olds, conn), error as Error);
                }
            }
            const outputs = stamped(
                held ? kind.toOutputs(news, held) : { ...olds, ...kind.toOutputs(news, undefined) },
                conn,
            );
            delete outputs.verification;
            if (checkDue) {
                try {
                    await check.run(api, id, news);
                } catch (error) {
                    throw new PartialCreateError(
                        id,
                        partialOutputs(outputs, providerTextOf(news)),
                        asError(error),
                        `${kind.label} ${id} was updated, but`,
                        "HOOKSTREAM_PARTIAL_UPDATE",
                    );
                }
            }
            return { outs: outputs };
        },

        async delete(id, props) {
            const conn = connection();
            const api = conn.transport;
            reads.forget(api, id);
            try {
                await kind.endpoints.delete(api, id);
            } catch (error) {
                await confirm(conn, error, missing(id, props, conn));
            }
        },
    };

    /**
     * POST once under the marked name, unless an earlier attempt at this create left its object; a lost answer is
     * resolved by the marker (marked-create.ts).
     */
    function createOnce(api: Transport, declared: D): Promise<H> {
        return createMarked({
            kind: kind.label,
            name: declared.name,
            token: declared.__createToken,
            urn: declared.__urn,
            post: (name) => kind.endpoints.create(api, declared, name),
            list: () => listEveryObject(api, kind),
            leftovers: async (nonce) => {
                const replaced = declared.__urn === undefined ? undefined : diffedIds.get(declared.__urn);
                return (await leftovers.take(api, nonce)).filter((leftover) => leftover.id !== replaced);
            },
            resume: (leftover) => resume(api, leftover, declared),
            remove: (id) =>
                kind.endpoints.delete(api, id).catch((error: unknown) => {
                    if (!isNotFound(error)) throw error;
                }),
        });
    }

    /**
     * A leftover of an earlier attempt brought to the declared state, except the name, which the finishing step
     * sets as for any create. Undefined when it is of another type (the declared type changed since), or gone.
     */
    async function resume(api: Transport, leftover: H, declared: D): Promise<H | undefined> {
        const typeKey = discriminatorOf(kind);
        const field = (object: object) => (object as Record<string, unknown>)[typeKey ?? ""];
        if (typeKey !== undefined && field(leftover) !== field(declared)) return undefined;
        const view = kind.adoptionView?.(leftover, declared) ?? leftover;
        const patch = kind.patch({ ...view, name: declared.name }, declared);
        if (Object.keys(patch).length === 0) return leftover;
        return kind.endpoints.update(api, leftover.id, patch).catch((error: unknown) => {
            if (isNotFound(error)) return undefined;
            throw error;
        });
    }

    /**
     * Adoption, which the `adopt` argument and the `import` resource option both lead to (pulumi/pulumi#16175: the
     * engine cannot import dynamic resources): take over an existing object of the key's project instead of
     * creating one, then bring it to the declared state, sending only what differs.
     */
    async function adopt(api: Transport, id: string, declared: D): Promise<H> {
        let existing: H;
        try {
            existing = await kind.endpoints.get(api, id);
        } catch (error) {
            if (!isNotFound(error)) throw error;
            const requestId = (error as ApiError).requestId;
            throw new HookstreamError(
                "HOOKSTREAM_ADOPT_ERROR",
                `cannot adopt ${kind.label} ${id}: hookstream has no such ${kind.label} in the project of this API ` +
                    `key (404${requestId ? `, request id ${requestId}` : ""}). Check the id with ` +
                    "`hookstream-pulumi discover` and that the stack uses that project's key.",
            );
        }
        const typeKey = discriminatorOf(kind);
        if (typeKey !== undefined) {
            const held = (existing as unknown as Record<string, unknown>)[typeKey];
            const wanted = (declared as unknown as Record<string, unknown>)[typeKey];
            if (held !== wanted) {
                throw new HookstreamError(
                    "HOOKSTREAM_ADOPT_ERROR",
                    `cannot adopt ${kind.label} ${id}: it is a ${String(held)} ${kind.label}, but ${typeKey} is ` +
                        `"${String(wanted)}". The type of an existing ${kind.label} cannot be changed; declare its real type.`,
                );
            }
        }
        const patch = kind.patch(kind.adoptionView?.(existing, declared) ?? existing, declared);
        return Object.keys(patch).length === 0 ? existing : kind.endpoints.update(api, id, patch);
    }
}

/**
 * What changes between stored outputs and checked inputs: every changed argument, and those whose change replaces the
 * object (the kind's `inputRules.replaceOnChange`, the same list `check` issues a new create token by). A delivery check that
 * failed counts as a change of `verify`, so the next `up` runs it again.
 */
export function diffOf<D extends DeclaredBase, S extends StoredBase>(
    kind: ResourceKind<D, S, HeldObject, object>,
    olds: Partial<S>,
    news: D,
): { changes: boolean; replaces: string[]; changed: string[] } {
    const changed = kind.diff(olds, news);
    if (kind.deliveryCheck && wantsCheck(news) && olds.verification === "failed") changed.push("verify");
    const replaces = changed.filter((field) => kind.inputRules.replaceOnChange.includes(field));
    return { changes: changed.length > 0, replaces, changed };
}

/**
 * Whether outputs this provider stored already echo these inputs: then a read sends none, and the engine keeps the
 * stored ones. A refresh with no drift then carries each resource's state once instead of twice. An import's read
 * has no outputs yet (no key fingerprint), and the engine requires its inputs.
 */
function echoedIn(stored: Partial<StoredBase>, inputs: object): boolean {
    if (stored.__keyFingerprint === undefined) return false;
    const echoed = stored as Record<string, unknown>;
    const wanted = inputs as Record<string, unknown>;
    // Most fields are text or flags, equal without a deep comparison; every read of a refresh runs this.
    for (const key in wanted) {
        if (echoed[key] !== wanted[key] && !isDeepStrictEqual(echoed[key], wanted[key])) return false;
    }
    return true;
}

/** The stored shim the host passed in with the inputs: a partial success must hand it back with the outputs. */
function providerTextOf(inputs: unknown): unknown {
    return (inputs as { __provider?: unknown }).__provider;
}

/** Whether the declared inputs turn a kind's delivery check on (`verify: true`). */
function wantsCheck(declared: unknown): boolean {
    return (declared as { verify?: unknown }).verify === true;
}
