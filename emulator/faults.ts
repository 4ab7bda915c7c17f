import { z } from "zod";
import type { FaultAction, FaultRule } from "./fault-rule";
import type { QueuedFaultRule } from "./fault-queue";
import { formatIssue } from "./parse";
import type { Parsed } from "./parsed";

/** What `fault-rule.ts` describes, checked; `tests/unit/emulator/fault-rule.test.ts` keeps the two in step. */
export const faultActionSchema = z.discriminatedUnion("type", [
    z.object({
        type: z.literal("status"),
        status: z.number().int().min(200).max(599),
        body: z.unknown().optional(),
        headers: z.record(z.string(), z.string()).optional(),
    }),
    z.object({ type: z.literal("latency"), ms: z.number().int().nonnegative() }),
    z.object({ type: z.literal("drop") }),
    z.object({ type: z.literal("lose-response") }),
    z.object({ type: z.literal("malformed") }),
    z.object({ type: z.literal("empty") }),
]) satisfies z.ZodType<FaultAction>;

export const faultRuleSchema = z.object({
    action: faultActionSchema,
    times: z.number().int().positive().default(1),
    method: z.string().optional(),
    path: z.union([z.string(), z.instanceof(RegExp)]).optional(),
}) satisfies z.ZodType<QueuedFaultRule, FaultRule>;

export function parseFaultRule(input: unknown): Parsed<QueuedFaultRule> {
    const parsed = faultRuleSchema.safeParse(input);
    return parsed.success ? parsed : { success: false, message: formatIssue(parsed.error, [], "Invalid fault rule") };
}
