import type { z } from "zod";
import type { FaultAction, FaultRule } from "../../../emulator/fault-rule";
import type { faultActionSchema, faultRuleSchema } from "../../../emulator/faults";

/**
 * Type-level test, checked by `npm run typecheck`: the public fault types and the schemas that validate them describe
 * the same rules. faults.ts checks one direction (`satisfies`); this file checks both, so a field added to either side
 * alone fails the build.
 */

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

type SchemaAction = z.output<typeof faultActionSchema>;
type SchemaRule = z.input<typeof faultRuleSchema>;
/** `latency.ms`, `status.body`, …: each action's field names, so an optional field on one side only still counts. */
type ActionFields<A> = A extends { type: infer T extends string } ? `${T}.${Extract<keyof A, string>}` : never;

export type ActionsAgree = Assert<Equal<SchemaAction, FaultAction>>;
export type ActionFieldsAgree = Assert<Equal<ActionFields<SchemaAction>, ActionFields<FaultAction>>>;
export type RulesAgree = Assert<Equal<SchemaRule, FaultRule>>;
export type RuleFieldsAgree = Assert<Equal<keyof SchemaRule, keyof FaultRule>>;

describe("emulator fault types", () => {
    it("agree with the zod schemas (checked by the compiler: npm run typecheck)", () => {
        const checks: [ActionsAgree, ActionFieldsAgree, RulesAgree, RuleFieldsAgree] = [true, true, true, true];
        if (checks.some((value) => value !== true)) throw new Error("unreachable: the compiler checks these");
    });
});
