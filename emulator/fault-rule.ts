/**
 * Failures a test or a CI run can ask for, each standing for something a client of hookstream must survive: an error
 * status, a slow answer, a connection cut before the server acted, and the worst case for a POST that is not
 * idempotent (`docs/hookstream-api.md §4.3`): the server acted but the client never learns the result.
 *
 * Plain types, so that a project compiling the emulator's declarations needs none of its dependencies';
 * `faults.ts` validates against them.
 */
export type FaultAction =
    /** Answer `status` (200–599) without performing the operation; the body defaults to hookstream's error shape. */
    | { type: "status"; status: number; body?: unknown; headers?: Record<string, string> }
    /** Wait `ms`, then handle the request normally. */
    | { type: "latency"; ms: number }
    /** Close the connection without answering; nothing is performed. */
    | { type: "drop" }
    /** Perform the operation, then close the connection without answering. */
    | { type: "lose-response" }
    /** Perform the operation, then answer 200 with JSON cut short. */
    | { type: "malformed" }
    /** Perform the operation, then answer 200 with an empty body. */
    | { type: "empty" };

export interface FaultRule {
    action: FaultAction;
    /** How many matching requests the rule applies to. @default 1 */
    times?: number;
    /** Only requests with this method (any case). */
    method?: string;
    /** Only requests whose path (no query string) contains this string or matches this pattern. */
    path?: string | RegExp;
}
