import { bindKindRoutes } from "./bind-kind-routes";
import type { KindRecords } from "./kind-records";
import type { KindStore } from "./kind-spec";
import { parseLimit } from "./parse";
import type { ProjectRecord } from "./project-store";
import { errorReply, jsonOf, routePattern, toReply, type ApiCall, type ApiRoute, type Reply } from "./routing";

/**
 * `/v1/<path>` of one kind: list and create on the base, retrieve, update and delete on `/{id}`
 * (`docs/hookstream-api.md §1`, §6.1), then the kind's own routes. Only the caller's project is visible: another
 * project's record is a 404.
 */
export function createKindApiRoutes<Rec extends ProjectRecord, New, Change, Store extends KindStore<Rec, New, Change>>(
    records: KindRecords<Rec, New, Change, Store>,
): ApiRoute[] {
    const { spec, store, notFound } = records;
    const base = `/v1/${spec.path}`;

    /** Newest first, paginated as PAG says, `limit` and `cursor` included (§5.1). */
    const list = ({ state, project, query }: ApiCall): Reply => {
        const limit = parseLimit(query.get("limit"), state.pageSizeDefault);
        if (!limit.success) return errorReply(400, limit.message);
        const page = store.page(project, limit.data, query.get("cursor") || undefined);
        if (page === undefined) return errorReply(400, "Invalid query: 'cursor' is not a cursor this server issued");
        const items = page.items.map((record) => spec.wire.render(record, state.shape));
        return {
            status: 200,
            body: { [spec.wire.listKey]: items, cursor: page.cursor, has_more: page.cursor !== null },
        };
    };

    /** 201, as the generated reference answers (§1.2, §6.3). */
    const create = ({ state, project, body }: ApiCall): Reply => {
        const json = jsonOf(body);
        if (!json.success) return errorReply(400, json.message);
        const outcome = records.create(state, project, json.data);
        return toReply(outcome, 201, (record) => spec.wire.renderResponse(record, state.shape));
    };

    const retrieve = ({ state, project, id }: ApiCall): Reply => {
        const record = store.find(project, id);
        if (record === undefined) return errorReply(404, notFound);
        const render = spec.wire.renderRetrieved ?? spec.wire.renderResponse;
        return { status: 200, body: render(record, state.shape) };
    };

    /** The update pages list no 400, but ERR answers any invalid body with one (§8 row 32). */
    const update = ({ state, project, id, body }: ApiCall): Reply => {
        const json = jsonOf(body);
        if (!json.success) return errorReply(400, json.message);
        const outcome = records.update(state, store.find(project, id), json.data);
        return toReply(outcome, 200, (record) => spec.wire.renderResponse(record, state.shape));
    };

    /** No page documents it; 200 `{"success": true}` as the generated delete pages of other resources (§1.5, §6.6). */
    const remove = ({ project, id }: ApiCall): Reply =>
        toReply(records.remove(store.find(project, id)), 200, () => ({ success: true }));

    return [
        { pattern: routePattern(base), methods: { GET: list, POST: create } },
        { pattern: routePattern(`${base}/:id`), methods: { GET: retrieve, PATCH: update, DELETE: remove } },
        ...bindKindRoutes<ApiCall, Store>(base, spec.apiRoutes, store),
    ];
}
