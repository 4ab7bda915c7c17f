import { bindKindRoutes } from "./bind-kind-routes";
import type { KindRecords } from "./kind-records";
import type { KindStore } from "./kind-spec";
import type { ProjectRecord } from "./project-store";
import { isObject, routePattern, toReply, withJson, type ControlCall, type ControlRoute } from "./routing";

/**
 * `/_emulator/<name>` of one kind: list (all projects', or `?project=`'s), seed, patch and delete, then the kind's own
 * control routes. Records are shown in canonical form (objects, arrays, booleans, ISO timestamps), as the programmatic
 * API returns them.
 */
export function createKindControlRoutes<
    Rec extends ProjectRecord,
    New,
    Change,
    Store extends KindStore<Rec, New, Change>,
>(records: KindRecords<Rec, New, Change, Store>): ControlRoute[] {
    const { spec, store } = records;
    const base = `/_emulator/${spec.name}`;
    const one = (record: Rec) => ({ [spec.wire.itemKey]: record });
    return [
        {
            pattern: routePattern(base),
            methods: {
                GET: ({ query }) => ({
                    status: 200,
                    body: { [spec.wire.listKey]: store.all(query.get("project") ?? undefined) },
                }),
                POST: withJson(({ state }, json) => {
                    const { project, ...input } = isObject(json) ? json : {};
                    return toReply(records.seed(state, project, input), 201, one);
                }),
            },
        },
        {
            pattern: routePattern(`${base}/:id`),
            methods: {
                PATCH: withJson(({ state, id }, json) => toReply(records.update(state, store.get(id), json), 200, one)),
                DELETE: ({ id }) => toReply(records.remove(store.get(id)), 204),
            },
        },
        ...bindKindRoutes<ControlCall, Store>(base, spec.controlRoutes, store),
    ];
}
