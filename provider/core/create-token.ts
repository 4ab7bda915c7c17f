import { randomBytes } from "node:crypto";
import { journalMachineId } from "./create-journal";

/**
 * Each create gets a token from `check`, so the engine records it with the pending create before the POST is sent
 * (pulumi stack export: `pending_operations[].resource.inputs.__createToken`). The POST carries the token's nonce in
 * the name until the create has the id, so whatever an interrupted create left behind can be told apart from a
 * look-alike that another stack, or a person, made: see docs/recovery.md.
 */
export interface CreateToken {
    /** Random, 16 hex digits: what the name carries while the create is under way. */
    nonce: string;
    /** When `check` issued it (ms since the epoch): nothing created before it can be this create's. */
    issuedAt: number;
    /** The create journal's machine id, or "none" when this machine keeps no journal. */
    machine: string;
}

export function newCreateToken(now: number = Date.now()): CreateToken {
    return { nonce: randomBytes(8).toString("hex"), issuedAt: now, machine: journalMachineId() };
}

/** A new token as `check` stores it in the inputs. */
export function issueCreateToken(now: number = Date.now()): string {
    return formatCreateToken(newCreateToken(now));
}

export function formatCreateToken(token: CreateToken): string {
    return `${token.nonce}.${token.issuedAt.toString(36)}.${token.machine}`;
}

export function parseCreateToken(text: unknown): CreateToken | undefined {
    if (typeof text !== "string") return undefined;
    const match = /^([0-9a-f]{16})\.([0-9a-z]+)\.([0-9a-z]+)$/.exec(text);
    if (!match) return undefined;
    const issuedAt = parseInt(match[2]!, 36);
    return Number.isSafeInteger(issuedAt) ? { nonce: match[1]!, issuedAt, machine: match[3]! } : undefined;
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
