import { z } from "zod";
import { issueCreateToken, parseCreateToken } from "./create-token";
import { containsUnknown, isUnknown, pathReachesUnknown } from "./unknowns";

/**
 * One failure, in the form the engine prints well. The engine looks `property` up among the top-level inputs only and
 * prints it with that input's whole value (pkg/resource/deploy/step_generator.go, `issueCheckFailures`): a nested path
 * prints as `value {<nil>}`, and a top-level one would print a secret nested in it (a Slack URL in `config`). So
 * `property` stays empty, the engine prints `resource 'ops' has a problem: <reason>`, and the reason starts with the
 * argument's path. `path` keeps that path apart for tests and tools; the engine never reads it.
 */
export interface CheckFailure {
    property: "";
    path: string;
    reason: string;
}

export type CheckOutcome<T> =
    | { ok: true; inputs: T; complete: true }
    | { ok: true; inputs: Record<string, unknown>; complete: false }
    | { ok: false; failures: CheckFailure[] };

/** How one resource kind's arguments are judged. */
export interface InputRules<T> {
    schema: z.ZodType<T, unknown>;
    /**
     * The argument that chooses the rest of the schema (a channel's `channelType`, a rule's `ruleType`), and what can
     * still be judged while it is unknown at preview. A change of it is a replacement.
     */
    discriminator?: { key: string; schemaWithoutIt: z.ZodType };
    /**
     * Arguments a PATCH cannot change: a change of one replaces the object, so `diff` reports it as a replacement and
     * `check` gives the new object's create a token of its own.
     */
    replaceOnChange: readonly string[];
    /** Every argument the resource takes, named when an unknown one is passed. */
    argumentNames: readonly string[];
    /** Said after an unknown key inside an argument, e.g. where the accepted shapes are documented. */
    nestedHint: string;
    /** Defaults applied to inputs that cannot be parsed whole yet because something is unknown. */
    defaults: Record<string, unknown>;
}

/**
 * Validates a resource's inputs without calling the API, with the property path and the reason of each failure. A
 * value still unknown at preview time is not judged; everything known around it is.
 */
export function checkInputs<T>(
    news: Record<string, unknown>,
    rules: InputRules<T>,
    olds: Record<string, unknown> = {},
): CheckOutcome<T> {
    const {
        __provider: _provider,
        __urn: urn,
        __createToken: _token,
        __finishAfterSave: finishAfterSave,
        ...inputs
    } = news;
    const parsed = rules.schema.safeParse(inputs);
    // The URN and the finishing step are the resource class's, not arguments: handed on untouched (see
    // `DeclaredBase`). The create token stays what it was once issued, so it never shows as a change
    // (create-token.ts), except when the change is a replacement: the new object's create gets a token of its own.
    const replacing = rules.replaceOnChange.some((key) => olds[key] !== news[key]);
    const keep = parseCreateToken(olds.__createToken) !== undefined && !replacing;
    const urnText = typeof urn === "string" ? urn : undefined;
    const token = keep ? (olds.__createToken as string) : issueCreateToken(urnText);
    const extra = {
        ...(urnText === undefined ? {} : { __urn: urnText }),
        __createToken: token,
        ...(finishAfterSave === true ? { __finishAfterSave: true } : {}),
    };
    if (parsed.success) return { ok: true, inputs: { ...parsed.data, ...extra }, complete: true };
    // Without a known discriminator zod cannot choose a schema and stops there; judge the rest. A wrong one is
    // reported with the rest, so that one preview lists every failure of the resource.
    const kind = rules.discriminator?.key;
    const partial = kind !== undefined && isUnknown(inputs[kind]);
    const wrongKind = kind !== undefined && parsed.error.issues.some((issue) => isAt(issue, kind));
    const rest = () => rules.discriminator?.schemaWithoutIt.safeParse(inputs).error?.issues ?? [];
    const issues = partial
        ? rest()
        : [...parsed.error.issues, ...(wrongKind ? rest().filter((issue) => !isAt(issue, kind!)) : [])];

    const failures = issues
        .filter((issue) => !pathReachesUnknown(inputs, issue.path))
        .flatMap((issue) => toFailures(issue, rules));
    if (failures.length > 0) return { ok: false, failures };
    if (!partial && !containsUnknown(inputs)) {
        // zod rejected something no issue path explains; report it rather than let it through.
        return { ok: false, failures: [{ property: "", path: "", reason: z.prettifyError(parsed.error) }] };
    }
    return { ok: true, inputs: { ...rules.defaults, ...inputs, ...extra }, complete: false };
}

function isAt(issue: z.core.$ZodIssue, key: string): boolean {
    return issue.path.length === 1 && issue.path[0] === key;
}

function toFailures(issue: z.core.$ZodIssue, rules: InputRules<unknown>): CheckFailure[] {
    if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => {
            const path = z.core.toDotPath([...issue.path, key]);
            const hint =
                issue.path.length === 0 ? ` (expected ${rules.argumentNames.join(", ")})` : ` ${rules.nestedHint}`;
            return { property: "", path, reason: `${path} is not a known argument${hint}` };
        });
    }
    const path = z.core.toDotPath(issue.path);
    return [{ property: "", path, reason: leadWithPath(path, issue.message) }];
}

/**
 * The reason, starting with the argument's path. Schema messages name their argument (`config.url must be …`); a
 * message of a list's item cannot know its index, so it says only what is wrong (`must be …`) and gets its path here.
 */
export function leadWithPath(path: string, message: string): string {
    if (path === "" || message === path || message.startsWith(`${path} `)) return message;
    return /^(must|is|has|contains) /.test(message) ? `${path} ${message}` : `${path}: ${message}`;
}
