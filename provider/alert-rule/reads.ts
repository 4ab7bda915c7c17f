import { ReadBatcher } from "../core/read-batcher";
import { listRulePage } from "./endpoints";
import type { Rule } from "./response";

/** Rule reads that arrive together share the list's pages (core/read-batcher.ts). */
export const ruleReads = new ReadBatcher<Rule>({
    page: (api, cursor) => listRulePage(api, { cursor, limit: 100 }),
    idOf: (rule) => rule.id,
    isComplete: (rule) => rule.partial !== true,
});
