import { z } from "zod";

/**
 * Building blocks for check-time schemas whose messages name the argument and what it must be, and never echo the
 * value given (it may be a credential, and the engine prints check failures). `what` is the argument's path; an item
 * of a list passes `""`, and its message says only what is wrong: `check` puts the item's path in front
 * (core/check.ts, `leadWithPath`).
 */

// C0 and C1 control characters and DEL: never meaningful in a name or an id.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;

/** `what`, then a space, or nothing for a list's item. */
function subject(what: string): string {
    return what === "" ? "" : `${what} `;
}

/** "is required" for a missing value, "must be <expected>" otherwise; never echoes the value. */
export function expected(what: string, description: string) {
    return (issue: { input?: unknown }) =>
        issue.input === undefined
            ? `${subject(what)}is required`
            : `${subject(what)}must be ${description}, not ${kindOf(issue.input)}`;
}

/** The kind of a value, for a message: "null", "a list", or its `typeof`. */
function kindOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    return typeof value;
}

/** A single-line text of 1–`max` characters that is not only spaces. */
export function singleLineText(what: string, max: number) {
    return z
        .string({ error: expected(what, "a string") })
        .max(max, { error: `${subject(what)}must be at most ${max} characters` })
        .refine((value) => value.trim() !== "", {
            error: (issue) =>
                issue.input === ""
                    ? `${subject(what)}must not be empty`
                    : `${subject(what)}must not be blank (only spaces)`,
        })
        .refine((value) => !controlCharacters.test(value), {
            error: `${subject(what)}must not contain control characters such as newlines or tabs`,
        });
}

/** A hookstream resource id such as `nc_1a2b…` or an unprefixed 32-hex id; `example` names one in the message. */
export function resourceId(what: string, example: string) {
    return z
        .string({ error: expected(what, "an id string") })
        .regex(/^[A-Za-z0-9_-]{1,128}$/, { error: `${subject(what)}must be a hookstream id such as ${example}` });
}
