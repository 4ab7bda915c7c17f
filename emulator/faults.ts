import { z } from "zod";
import { formatIssue, type Parsed } from "./parse";

/**
 * Failures a test or a CI run can ask for, each standing for something a client of hookstream must survive: an error
 * status, a slow answer, a connection cut before the server acted, and the worst case for a POST that is not
 * idempotent (`docs/hookstream-api.md §4.3`): the server acted but the client never learns the result.
 */
export const FaultAction = z.discriminatedUnion("type", [
    /** Answer `status` without performing the operation; the body defaults to hookstream's error shape. */
    z.object({
        type: z.literal("status"),
        status: z.number().int().min(200).max(599),
        body: z.unknown().optional(),
        headers: z.record(z.string(), z.string()).optional(),
    }),
    /** Wait `ms`, then handle the request normally. */
    z.object({ type: z.literal("latency"), ms: z.number().int().nonnegative() }),
    /** Close the connection without answering; nothing is performed. */
    z.object({ type: z.literal("drop") }),
    /** Perform the operation, then close the connection without answering. */
    z.object({ type: z.literal("lose-response") }),
    /** Perform the operation, then answer 200 with JSON cut short. */
    z.object({ type: z.literal("malformed") }),
    /** Perform the operation, then answer 200 with an empty body. */
    z.object({ type: z.literal("empty") }),
]);
export type FaultAction = z.output<typeof FaultAction>;

export const FaultRule = z.object({
    action: FaultAction,
    /** How many matching requests the rule applies to. @default 1 */
    times: z.number().int().positive().default(1),
    /** Only requests with this method (any case). */
    method: z.string().optional(),
    /** Only requests whose path (no query string) contains this string or matches this pattern. */
    path: z.union([z.string(), z.instanceof(RegExp)]).optional(),
});
export type FaultRule = z.input<typeof FaultRule>;

export function parseFaultRule(input: unknown): Parsed<z.output<typeof FaultRule>> {
    const parsed = FaultRule.safeParse(input);
    return parsed.success ? parsed : { success: false, message: formatIssue(parsed.error, [], "Invalid fault rule") };
}

/** Rules apply in the order they were injected; each is used up after `times` matching requests. */
export class FaultQueue {
    #rules: Array<z.output<typeof FaultRule>> = [];

    add(rule: z.output<typeof FaultRule>): void {
        this.#rules.push({ ...rule });
    }

    /** The action for this request, if a rule matches; using it counts against the rule's `times`. */
    take(method: string, path: string): FaultAction | undefined {
        const rule = this.#rules.find((candidate) => matches(candidate, method, path));
        if (rule === undefined) return undefined;
        rule.times -= 1;
        if (rule.times === 0) this.#rules = this.#rules.filter((candidate) => candidate !== rule);
        return rule.action;
    }

    clear(): void {
        this.#rules = [];
    }
}

function matches(rule: z.output<typeof FaultRule>, method: string, path: string): boolean {
    if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.path === undefined) return true;
    // `search` ignores a /g pattern's lastIndex, which would make `test` match every other call.
    return typeof rule.path === "string" ? path.includes(rule.path) : path.search(rule.path) !== -1;
}
