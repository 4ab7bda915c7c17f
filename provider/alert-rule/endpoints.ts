import { listEveryPage, pageQuery, type Page } from "../core/pagination";
import type { Transport } from "../core/transport";
import { toArgumentTerms } from "../core/wire-paths";
import { rulePageResponse, ruleResponse, type Rule } from "./response";
import { ruleWirePaths } from "./wire-paths";

/**
 * hookstream's alert-rule endpoints (docs/hookstream-api.md §6.1), one function each. Bodies are already in wire
 * form (snake_case, `rule_config` in its wire spelling): request.ts builds them.
 */

/** `POST /v1/alert-rules`. It takes no `enabled`: a new rule is enabled (docs/hookstream-api.md §6.3). */
export interface NewRuleBody {
    name: string;
    description?: string;
    rule_type: string;
    rule_config: Record<string, unknown>;
    source_id?: string;
    destination_id?: string;
    channel_ids: string[];
    cooldown_minutes: number;
}

/** `PATCH /v1/alert-rules/:id`: every field optional; `null` clears a scope (docs/hookstream-api.md §6.5). */
export interface RulePatchBody {
    name?: string;
    description?: string;
    enabled?: boolean;
    rule_config?: Record<string, unknown>;
    source_id?: string | null;
    destination_id?: string | null;
    channel_ids?: string[];
    cooldown_minutes?: number;
}

const collection = "/alert-rules";
const item = (id: string) => `${collection}/${encodeURIComponent(id)}`;

export function listRulePage(api: Transport, options: { cursor?: string; limit?: number } = {}): Promise<Page<Rule>> {
    return api.send("GET", collection + pageQuery(options), undefined, rulePageResponse);
}

/** Every rule of the key's project, following `cursor`/`has_more` when the server pages (docs/hookstream-api.md §5.1, §6.2). */
export function listRules(api: Transport, onPage?: (count: number) => void): Promise<Rule[]> {
    return listEveryPage((cursor) => listRulePage(api, { cursor, limit: 100 }), onPage);
}

export function createRule(api: Transport, body: NewRuleBody): Promise<Rule> {
    return api.send("POST", collection, body, ruleResponse).catch(inArgumentTermsOf(body));
}

export function getRule(api: Transport, id: string): Promise<Rule> {
    return api.send("GET", item(id), undefined, ruleResponse);
}

export function updateRule(api: Transport, id: string, patch: RulePatchBody): Promise<Rule> {
    return api.send("PATCH", item(id), patch, ruleResponse).catch(inArgumentTermsOf(patch));
}

/** A 400 naming wire fields (`'channel_ids.0'`), told again in the program's terms (wire-paths.ts). */
function inArgumentTermsOf(body: unknown): (error: unknown) => never {
    return (error) => {
        throw toArgumentTerms(error, ruleWirePaths, body);
    };
}

/** 200 `{success:true}` or 204 alike: the delete page was not found, so neither is assumed (docs/hookstream-api.md §6.6). */
export async function deleteRule(api: Transport, id: string): Promise<void> {
    await api.send("DELETE", item(id), undefined, undefined);
}
