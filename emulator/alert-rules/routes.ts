import { parseLimit } from "../parse";
import { errorReply, jsonOf, toReply, type ApiCall, type ApiRoute, type Reply } from "../routing";
import { alertRuleNotFound, createAlertRule, patchAlertRule, removeAlertRule } from "./operations";
import { renderAlertRulePage, renderAlertRuleResponse, renderAlertRuleWithHistory } from "./wire";

/** `/v1/alert-rules` (hookstream-alert-rules.md §1). Rules have no `/test` and no enable/disable endpoint. */
export const alertRuleRoutes: readonly ApiRoute[] = [
    { pattern: /^\/v1\/alert-rules$/, methods: { GET: list, POST: create } },
    { pattern: /^\/v1\/alert-rules\/([^/]+)$/, methods: { GET: retrieve, PATCH: update, DELETE: remove } },
];

/** Paginated as channels are, `limit` and `cursor` included (PAG; §7.1). */
function list({ state, project, query }: ApiCall): Reply {
    const limit = parseLimit(query.get("limit"), state.pageSizeDefault);
    if (!limit.success) return errorReply(400, limit.message);
    const page = state.alertRules.page(project, limit.data, query.get("cursor") || undefined);
    if (page === undefined) return errorReply(400, "Invalid query: 'cursor' is not a cursor this server issued");
    return { status: 200, body: renderAlertRulePage(page.items, page.cursor, state.shape) };
}

/** 201 (R-AR-CREATE; AR states no code). */
function create({ state, project, body }: ApiCall): Reply {
    const json = jsonOf(body);
    if (!json.success) return errorReply(400, json.message);
    return toReply(createAlertRule(state, project, json.data), 201, (rule) =>
        renderAlertRuleResponse(rule, state.shape),
    );
}

function retrieve({ state, project, id }: ApiCall): Reply {
    const rule = state.alertRules.find(project, id);
    if (rule === undefined) return errorReply(404, alertRuleNotFound);
    return { status: 200, body: renderAlertRuleWithHistory(rule, state.shape) };
}

/** R-AR-UPDATE lists no 400, but ERR answers any invalid body with one (§8 row 20). */
function update({ state, project, id, body }: ApiCall): Reply {
    const json = jsonOf(body);
    if (!json.success) return errorReply(400, json.message);
    const outcome = patchAlertRule(state, state.alertRules.find(project, id), json.data);
    return toReply(outcome, 200, (rule) => renderAlertRuleResponse(rule, state.shape));
}

/** No page documents it; 200 `{"success": true}` as the generated delete pages of connections and subscriptions (§1.5). */
function remove({ state, project, id }: ApiCall): Reply {
    return toReply(removeAlertRule(state, state.alertRules.find(project, id)), 200, () => ({ success: true }));
}
