import { createMarked } from "../core/marked-create";
import type { Transport } from "../core/transport";
import { createRule, listRules } from "./endpoints";
import { toCreateBody } from "./request";
import type { Rule } from "./response";
import type { RuleInput } from "./schema";

/** POST once under the marked name; a lost answer is resolved by the marker (core/marked-create.ts). */
export function createOnce(api: Transport, declared: RuleInput): Promise<Rule> {
    return createMarked({
        kind: "alert rule",
        name: declared.name,
        token: declared.__createToken,
        urn: declared.__urn,
        post: (name) => createRule(api, { ...toCreateBody(declared), name }),
        list: () => listRules(api),
    });
}
