import { createHash } from "node:crypto";

/**
 * A short, non-reversible fingerprint of an API key, stored with each resource (`__keyFingerprint`) so that the
 * wrong-project guard can tell "the same key as when this was last seen" without the key: a key belongs to one
 * project, so the same key means the same project even when that project lists nothing. A key is 64 random hex
 * digits (docs/hookstream-api.md §3.1), so its hash reveals nothing usable.
 */
export function keyFingerprintOf(apiKey: string): string {
    return createHash("sha256").update(`pulumi-hookstream key fingerprint\u0000${apiKey}`).digest("hex").slice(0, 16);
}
