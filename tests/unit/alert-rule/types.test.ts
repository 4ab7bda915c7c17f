import type { z } from "zod";
import type { configSchemas, RuleInput } from "../../../provider/alert-rule/schema";
import type { AlertRuleArgs } from "../../../provider/alert-rule/resource";
import type { RuleConfigs, RuleType } from "../../../provider/alert-rule/rule-types";
import type { ruleArgumentNames } from "../../../provider/alert-rule/fields";

/**
 * Type-level test, checked by `npm run typecheck`: the zod schemas and the public TypeScript types describe the same
 * configs and arguments. schema.ts checks one direction (`satisfies`); this file checks both, so a field added to
 * either side alone fails the build.
 */

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

type SchemaConfigs = { [T in RuleType]: z.output<(typeof configSchemas)[T]> };

export type ConfigTypesAgree = Assert<Equal<SchemaConfigs, RuleConfigs>>;
export type EachConfigAgrees = Assert<
    Equal<{ [T in RuleType]: Equal<SchemaConfigs[T], RuleConfigs[T]> }, { [T in RuleType]: true }>
>;

/** Every public argument is one `check` knows, and the other way round. */
type PublicArgumentNames = AlertRuleArgs extends infer A ? (A extends unknown ? keyof A : never) : never;
export type ArgumentNamesAgree = Assert<Equal<PublicArgumentNames, (typeof ruleArgumentNames)[number]>>;

/** The inputs the provider sees name the same fields as the public arguments (plus the URN and the finishing request resource.ts adds, and the token check issues). */
type InputNames = RuleInput extends infer I ? (I extends unknown ? keyof I : never) : never;
export type InputNamesAgree = Assert<
    Equal<Exclude<InputNames, "__urn" | "__createToken" | "__finishAfterSave">, PublicArgumentNames>
>;

/** Discriminants are plain literals: the public `ruleType` is exactly the rule type union. */
export type DiscriminantsAgree = Assert<Equal<AlertRuleArgs["ruleType"], RuleType>>;

describe("AlertRule public types", () => {
    it("agree with the zod schemas (checked by the compiler: npm run typecheck)", () => {
        const checks: [ConfigTypesAgree, EachConfigAgrees, ArgumentNamesAgree, InputNamesAgree, DiscriminantsAgree] = [
            true,
            true,
            true,
            true,
            true,
        ];
        if (checks.some((value) => value !== true)) throw new Error("unreachable: the compiler checks these");
    });
});
