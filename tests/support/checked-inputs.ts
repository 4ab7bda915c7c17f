import assert from "node:assert/strict";
import { parseCreateToken } from "../../provider/core/create-token";

/**
 * Checked inputs minus the create token `check` adds to every input set (provider/core/check.ts), after asserting
 * that the token is there and well formed: tests compare the rest with what they declared.
 */
export function withoutCreateToken<T>(inputs: T): Omit<T, "__createToken"> {
    const { __createToken: token, ...rest } = inputs as T & { __createToken?: unknown };
    assert.ok(parseCreateToken(token), `__createToken ${JSON.stringify(token)} is not a create token`);
    return rest;
}
