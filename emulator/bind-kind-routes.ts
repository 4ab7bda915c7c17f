import type { KindRoute } from "./kind-spec";
import { routePattern, type Reply, type Route } from "./routing";

/** A kind's own routes under `base`, each handler handed the kind's store along with the call. */
export function bindKindRoutes<Call, Store>(
    base: string,
    routes: ReadonlyArray<KindRoute<Call & { store: Store }>> | undefined,
    store: Store,
): Array<Route<(call: Call) => Reply>> {
    return (routes ?? []).map((route) => ({
        pattern: routePattern(route.path === "" ? base : `${base}/${route.path}`),
        methods: Object.fromEntries(
            Object.entries(route.methods).map(([method, handler]) => [
                method,
                handler && ((call: Call) => handler({ ...call, store })),
            ]),
        ),
    }));
}
