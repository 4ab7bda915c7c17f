import { asError, isAmbiguous } from "./ambiguous";
import { bearsMarker, markedName, newCreateToken, parseCreateToken } from "./create-token";
import { HookstreamError } from "./errors";

/** One kind of hookstream object as a marked create needs it. */
export interface MarkedCreate<T extends { id: string; name: string }> {
    /** "channel" or "alert rule", for messages. */
    kind: string;
    /** The declared name. */
    name: string;
    /** `__createToken` from the checked inputs. */
    token: unknown;
    /** `__urn` from the checked inputs: without it no earlier attempt can be recognised. */
    urn: string | undefined;
    /** POSTs the object under the given name. */
    post(name: string): Promise<T>;
    /** Every object of this kind in the key's project, listed now. */
    list(): Promise<T[]>;
    /** The objects bearing this nonce that earlier attempts at this create left behind. */
    leftovers(nonce: string): Promise<T[]>;
    /** Brings a leftover to the declared state, its name still marked; undefined when it cannot be (another type). */
    resume(leftover: T): Promise<T | undefined>;
    /** Deletes a leftover that cannot be resumed, or one beyond the first. */
    remove(id: string): Promise<void>;
}

/**
 * POST once, under the declared name with the create token's nonce after it (create-token.ts), unless an earlier
 * attempt at this same create (same URN, same object replaced) was interrupted after hookstream stored its object:
 * that object, which bears the same nonce and was never recorded in state, is taken up again instead. When a POST's
 * answer is lost (reset, timeout, 5xx, unreadable body), hookstream may still have stored the object, and POST is not
 * idempotent (docs/hookstream-api.md §4.3): the object is then looked up by its nonce too. Never by resemblance, so a
 * look-alike made by another stack in the same project is never taken.
 *
 * What comes back still bears the marked name: the finishing step gives it the declared one.
 */
export async function createMarked<T extends { id: string; name: string }>(create: MarkedCreate<T>): Promise<T> {
    // Inputs checked by a version without tokens (or handed over directly, as tests do) get one now.
    const token = parseCreateToken(create.token) ?? newCreateToken(create.urn);
    if (create.urn !== undefined) {
        let resumed: T | undefined;
        for (const leftover of await create.leftovers(token.nonce)) {
            const taken = resumed === undefined ? await create.resume(leftover) : undefined;
            if (taken === undefined) await create.remove(leftover.id);
            else resumed = taken;
        }
        if (resumed !== undefined) return resumed;
    }
    try {
        return await create.post(markedName(create.name, token.nonce));
    } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const found = await create.list().then(
            (all) => all.filter((item) => bearsMarker(item.name, token.nonce)),
            (lookupError: unknown) => {
                throw new HookstreamError(
                    "HOOKSTREAM_CREATE_UNSETTLED",
                    `${asError(error).message}; the ${create.kind} may have been created, and looking for it failed ` +
                        `too (${asError(lookupError).message}). Run \`pulumi up\` again: it takes up the ` +
                        `${create.kind} named "${markedName(create.name, token.nonce)}" if hookstream stored it.`,
                    { cause: error },
                );
            },
        );
        // hookstream never repeats a POST on its own: one marked object at most.
        if (found.length === 0) throw error; // nothing was stored: the next run creates it
        return found[0]!;
    }
}

/**
 * What the PATCH that finishes a create sends: the declared name, which takes the marker off, and `enabled` when it
 * differs (POST takes no `enabled`, docs/hookstream-api.md §1.2 and §6.3, so a disabled object needs this request
 * anyway). Empty when there is nothing to finish, as after an adoption.
 */
export function finishingPatch(
    made: { name: string; enabled: boolean },
    declared: { name: string; enabled: boolean },
): { name?: string; enabled?: boolean } {
    return {
        ...(made.name === declared.name ? {} : { name: declared.name }),
        ...(made.enabled === declared.enabled ? {} : { enabled: declared.enabled }),
    };
}
