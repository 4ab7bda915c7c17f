import { bearsMarker, markerIn, parseCreateToken, type CreateToken } from "../../provider/core/create-token";
import { discriminatorOf } from "../../provider/core/resource-kind";
import { kindNamed } from "../../provider/resources";

/**
 * Decides, for each create an interrupted `pulumi up` left pending, what hookstream holds for it. Pure: the state
 * and what hookstream lists come in; one decision per pending create comes out.
 *
 * The evidence, strongest first (docs/recovery.md):
 * 1. an object whose name bears the create token's nonce: the POST was carried out, and its answer never reached the
 *    stack, so it is recorded ("settle");
 * 2. a create of the dynamic host, which leaves the marker on until the engine has saved the id: no marked object
 *    means the POST was never carried out ("drop");
 * 3. otherwise (a version that finished a create before the engine saved it): with no look-alike (same name and
 *    type, made since the token was issued, and unknown to the stack) nothing can have been created ("drop"); with
 *    one, the create cannot be told apart from another stack's or a person's object, and nothing is decided for it
 *    ("unresolved").
 * An object is never taken on resemblance alone.
 *
 * A pending create whose URN the stack already records is either that resource's create, recorded by an `up` since
 * the kill, or the create of its replacement (a change that replaces the object creates the new one first). Both
 * carry the URN's nonce (create-token.ts); a replacement's token was issued after the recorded object's, a later
 * `up`'s before. A settled replacement is recorded as the engine records a finished one, the replaced object marked
 * for the next `up` to delete.
 */

/** A registered kind's name (provider/resources.ts). */
export type ResourceKind = string;

export interface PendingCreate {
    urn: string;
    kind: ResourceKind;
    /** The inputs the engine recorded with the pending create (secrets as ciphertext; they are never read here). */
    inputs: Record<string, unknown>;
}

/** An object hookstream lists, reduced to what the plan looks at. */
export interface HeldObject {
    kind: ResourceKind;
    id: string;
    name: string;
    /** The value of the kind's discriminator (channelType, ruleType). */
    type: string;
    createdAt?: string;
}

export interface PlanInput {
    pending: readonly PendingCreate[];
    /** Everything of the key's project, both kinds. */
    held: readonly HeldObject[];
    /** Ids the stack already records. */
    known: ReadonlySet<string>;
    /** What the stack records for a URN that also has a pending create (an `up` since the kill, or a replacement). */
    recorded?: ReadonlyMap<string, RecordedResource>;
    /** Decisions the user gave by hand, by URN. */
    assigned: ReadonlyMap<string, string>;
    discarded: ReadonlySet<string>;
}

/** A resource the stack records: its id, and the create token its outputs keep. */
export interface RecordedResource {
    id: string;
    createToken?: unknown;
}

export type Decision =
    /** `replaces`: the id of the recorded object this create replaces, which the next `up` deletes. */
    | { action: "settle"; pending: PendingCreate; object: HeldObject; because: string; replaces?: string }
    | { action: "drop"; pending: PendingCreate; because: string }
    | { action: "unresolved"; pending: PendingCreate; candidates: HeldObject[]; because: string };

// Clocks differ between this machine and hookstream; an object made this long before the token could still be ours.
const clockSkewMs = 5 * 60_000;

export function planRecovery(input: PlanInput): Decision[] {
    const claimed = new Set<string>();
    return input.pending.map((pending) => {
        const decision = decide(pending, input, claimed);
        if (decision.action === "settle") claimed.add(decision.object.id);
        return decision;
    });
}

function decide(pending: PendingCreate, input: PlanInput, claimed: Set<string>): Decision {
    const sameKind = input.held.filter((object) => object.kind === pending.kind && !claimed.has(object.id));
    const assignedId = input.assigned.get(pending.urn);
    const token = parseCreateToken(pending.inputs.__createToken);
    const marked = token === undefined ? [] : sameKind.filter((object) => bearsMarker(object.name, token.nonce));
    const recorded = input.recorded?.get(pending.urn);
    const replaces =
        recorded !== undefined && token !== undefined && isReplacementOf(token, recorded) ? recorded.id : undefined;
    const recordedId = replaces === undefined ? recorded?.id : undefined;
    const settle = (object: HeldObject, because: string): Decision => ({
        action: "settle",
        pending,
        object,
        because:
            replaces === undefined ? because : `${because}; it replaces ${replaces}, which the next \`up\` deletes`,
        ...(replaces === undefined ? {} : { replaces }),
    });
    if (recordedId !== undefined) {
        // Recording it again would give the stack two resources of one URN.
        if (assignedId !== undefined && assignedId !== recordedId) {
            return unresolved(
                pending,
                marked,
                `--assign names ${assignedId}, but the stack already records this resource as ${recordedId}: ` +
                    "nothing to assign (if both exist in hookstream, one of them is not the stack's)",
            );
        }
        if (marked.length > 0) {
            return unresolved(
                pending,
                marked,
                `the stack records it as ${recordedId}, and ${marked.map((o) => o.id).join(", ")} also carries this ` +
                    "create's token: one of them is a duplicate to delete by hand",
            );
        }
        return { action: "drop", pending, because: `the stack already records it as ${recordedId}` };
    }
    if (assignedId !== undefined) {
        const object = sameKind.find((candidate) => candidate.id === assignedId);
        if (object === undefined || input.known.has(object.id)) {
            return unresolved(pending, [], `--assign names ${assignedId}, which is not an unmanaged ${label(pending)}`);
        }
        return settle(object, "assigned by hand (--assign)");
    }
    if (input.discarded.has(pending.urn)) {
        // Dropping it while its object exists would have the next `up` create a second one.
        if (marked.length > 0) {
            return unresolved(
                pending,
                marked,
                `--discard, but ${marked.map((o) => o.id).join(", ")} carries this create's token: it exists, and the ` +
                    "next `up` would create another; --assign it instead, or delete it in hookstream first",
            );
        }
        return { action: "drop", pending, because: "discarded by hand (--discard)" };
    }

    if (token !== undefined) {
        if (marked.length === 1) {
            return settle(marked[0]!, "its name carries this create's token: the POST was carried out");
        }
        if (marked.length > 1) return unresolved(pending, marked, "several objects carry this create's token");
        if (pending.inputs.__finishAfterSave === true) {
            return {
                action: "drop",
                pending,
                because:
                    "no object carries its token: its POST was never carried out (its marker comes off only once the id is saved)",
            };
        }
    }

    const declaredName = pending.inputs.name;
    const typeKey = discriminatorOf(kindNamed(pending.kind));
    const declaredType = typeKey === undefined ? undefined : pending.inputs[typeKey];
    const since = token === undefined ? undefined : token.issuedAt - clockSkewMs;
    const lookAlikes = sameKind.filter(
        (object) =>
            !input.known.has(object.id) &&
            markerIn(object.name) === undefined &&
            object.name === declaredName &&
            object.type === declaredType &&
            (since === undefined || object.createdAt === undefined || Date.parse(object.createdAt) >= since),
    );
    if (lookAlikes.length === 0) {
        return {
            action: "drop",
            pending,
            because:
                token === undefined
                    ? "nothing in the project carries its name and type unmanaged"
                    : "no object carries its token, and none made since it was issued resembles it",
        };
    }
    return unresolved(
        pending,
        lookAlikes,
        token === undefined
            ? "it was recorded by a version without create tokens, and look-alikes exist"
            : "its create was finished before the engine could save it, or never carried out, and look-alikes made " +
                  "since then exist: one may be this create's, or another stack's",
    );
}

/** A create of the recorded resource's URN whose token was issued after the recorded object's: its replacement. */
function isReplacementOf(token: CreateToken, recorded: RecordedResource): boolean {
    const recordedToken = parseCreateToken(recorded.createToken);
    return recordedToken?.nonce === token.nonce && recordedToken.issuedAt < token.issuedAt;
}

function unresolved(pending: PendingCreate, candidates: HeldObject[], because: string): Decision {
    return { action: "unresolved", pending, candidates, because };
}

function label(pending: PendingCreate): string {
    return kindNamed(pending.kind).label;
}
