import { asError, isAmbiguous } from "./ambiguous";
import { bearsMarker, markedName, newCreateToken, parseCreateToken } from "./create-token";
import { noteCreated, noteIntent } from "./create-journal";
import { HookstreamError } from "./errors";

/** One kind of hookstream object as a marked create needs it. */
export interface MarkedCreate<T extends { id: string; name: string }> {
    /** "channel" or "alert rule", for messages. */
    kind: string;
    /** The declared name. */
    name: string;
    /** `__createToken` from the checked inputs. */
    token: unknown;
    /** `__urn` from the checked inputs. */
    urn: string | undefined;
    /** POSTs the object under the given name. */
    post(name: string): Promise<T>;
    /** Every object of this kind in the key's project. */
    list(): Promise<T[]>;
}

/**
 * POST once, under the declared name with the create token's nonce after it (create-token.ts). When the answer is
 * lost (reset, timeout, 5xx, unreadable body), hookstream may still have stored the object, and POST is not
 * idempotent (docs/hookstream-api.md §4.3): the object is then looked up by its nonce, never by resemblance, so a
 * look-alike made by another stack in the same project is never taken.
 *
 * What comes back still bears the marked name: the caller's next PATCH gives it the declared one.
 */
export async function createMarked<T extends { id: string; name: string }>(create: MarkedCreate<T>): Promise<T> {
    // Inputs checked by a version without tokens (or handed over directly, as tests do) get one now.
    const token = parseCreateToken(create.token) ?? newCreateToken();
    await noteIntent(token.nonce, create.urn);
    let made: T;
    try {
        made = await create.post(markedName(create.name, token.nonce));
    } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const found = await create.list().then(
            (all) => all.filter((item) => bearsMarker(item.name, token.nonce)),
            (lookupError: unknown) => {
                throw new HookstreamError(
                    "HOOKSTREAM_CREATE_UNSETTLED",
                    `${asError(error).message}; the ${create.kind} may have been created, and looking for it failed ` +
                        `too (${asError(lookupError).message}). Run \`hookstream-pulumi recover\` before running ` +
                        `again: it finds the ${create.kind} named "${markedName(create.name, token.nonce)}".`,
                    { cause: error },
                );
            },
        );
        // hookstream never repeats a POST on its own: one marked object at most.
        if (found.length === 0) throw error; // nothing was stored: the next run creates it
        made = found[0]!;
    }
    await noteCreated(token.nonce, create.urn, made.id);
    return made;
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
