import { createHash, randomBytes } from "node:crypto";

/**
 * Each create gets a token from `check`, so the engine records it with the pending create before the POST is sent
 * (pulumi stack export: `pending_operations[].resource.inputs.__createToken`). The POST carries the token's nonce in
 * the name until the engine has saved the id, so whatever an interrupted create left behind can be told apart from a
 * look-alike that another stack, or a person, made: see docs/recovery.md.
 *
 * The nonce is not random: it is a hash of the resource's URN. Every attempt at the same create, after a kill and
 * whatever cleared its pending create (`pulumi cancel`, `refresh --clear-pending-creates`, `recover`), gets the same
 * nonce, and so finds the object an earlier attempt left marked instead of POSTing a second one. Another stack's URN
 * gets another. A replacement's create gets its URN's nonce too: the engine checks a replacement's inputs without the
 * old ones (pulumi/pulumi `pkg/resource/deploy/step_generator.go`), so nothing of the replaced object reaches it;
 * `recover` tells the two apart by when their tokens were issued.
 */
export interface CreateToken {
    /** 16 hex digits: what the name carries while the create is under way. */
    nonce: string;
    /** When `check` issued it (ms since the epoch): nothing created before it can be this create's. */
    issuedAt: number;
}

/** The token of a create of the resource `urn`. Without a URN (inputs handed over directly, as tests do) the nonce is random. */
export function newCreateToken(urn: string | undefined, now: number = Date.now()): CreateToken {
    return { nonce: urnNonce(urn), issuedAt: now };
}

/** A new token as `check` stores it in the inputs. */
export function issueCreateToken(urn: string | undefined, now: number = Date.now()): string {
    return formatCreateToken(newCreateToken(urn, now));
}

function urnNonce(urn: string | undefined): string {
    if (urn === undefined) return randomBytes(8).toString("hex");
    // The separator keeps the nonces of earlier versions, which hashed the URN this way, the same.
    return createHash("sha256").update(`${urn}\u0000`).digest("hex").slice(0, 16);
}

export function formatCreateToken(token: CreateToken): string {
    return `${token.nonce}.${token.issuedAt.toString(36)}`;
}

/** Reads a token; also those of versions that named a create journal in a third part, which is ignored. */
export function parseCreateToken(text: unknown): CreateToken | undefined {
    if (typeof text !== "string") return undefined;
    const match = /^([0-9a-f]{16})\.([0-9a-z]+)(?:\.[0-9a-z]+)?$/.exec(text);
    if (!match) return undefined;
    const issuedAt = parseInt(match[2]!, 36);
    return Number.isSafeInteger(issuedAt) ? { nonce: match[1]!, issuedAt } : undefined;
}

/** hookstream documents no length limit for names (docs/hookstream-api.md §1.2); we keep within our own 255. */
const maxNameLength = 255;

function markerOf(nonce: string): string {
    return ` [creating ${nonce}]`;
}

/** The name a create POSTs: the declared one with the nonce after it, shortened to stay within 255 characters. */
export function markedName(name: string, nonce: string): string {
    const marker = markerOf(nonce);
    return name.slice(0, maxNameLength - marker.length) + marker;
}

/** The nonce a name carries, if an unfinished create left it there. */
export function markerIn(name: string): string | undefined {
    return / \[creating ([0-9a-f]{16})\]$/.exec(name)?.[1];
}

export function bearsMarker(name: string, nonce: string): boolean {
    return markerIn(name) === nonce;
}
