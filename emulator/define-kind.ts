import { createKindApiRoutes } from "./kind-api-routes";
import { createKindControlRoutes } from "./kind-control-routes";
import { KindRecords } from "./kind-records";
import type { KindSpec, KindStore, MethodContext } from "./kind-spec";
import type { Organization } from "./organization";
import type { ProjectRecord } from "./project-store";
import type { ApiRoute, ControlRoute, Outcome } from "./routing";
import { checkReferences, type EmulatorState, type KindState } from "./state";

/** A resource kind the emulator can serve; `kinds.ts` lists the built-in ones. `Methods` are its part of `Emulator`. */
export interface EmulatorKind<Methods extends object = object> {
    readonly name: string;
    readonly noun: string;
    /** The name of the kind whose ids its records list, if any; it must be served too. */
    readonly references?: string;
    /** Its control API, as the CLI's usage lists it: `GET|POST /_emulator/channels`, … */
    readonly controlPaths: readonly string[];
    /** The kind's part of one running emulator: a fresh store, with routes and methods bound to it. */
    mount(organization: Organization): MountedKind<Methods>;
}

export interface MountedKind<Methods extends object = object> extends KindState {
    readonly apiRoutes: readonly ApiRoute[];
    readonly controlRoutes: readonly ControlRoute[];
    /** The kind's methods on `Emulator`, built once the state exists. */
    methods(state: EmulatorState): Methods;
}

/** Every listed kind's methods, together: `Emulator`'s part that comes from its kinds. */
export type MethodsOf<Kinds extends readonly EmulatorKind[]> = UnionToIntersection<MethodsOfKind<Kinds[number]>>;
type MethodsOfKind<Kind> = Kind extends EmulatorKind<infer Methods> ? Methods : never;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** One resource kind, from the one description its folder writes. */
export function defineKind<
    Rec extends ProjectRecord,
    New,
    Change,
    Store extends KindStore<Rec, New, Change>,
    Methods extends object = Record<never, never>,
>(spec: KindSpec<Rec, New, Change, Store, Methods>): EmulatorKind<Methods> {
    const base = `/_emulator/${spec.name}`;
    const ownPaths = (spec.controlRoutes ?? []).map(
        (route) => `${Object.keys(route.methods).join("|")} ${route.path === "" ? base : `${base}/${route.path}`}`,
    );
    return {
        name: spec.name,
        noun: spec.noun,
        references: spec.references?.kind,
        controlPaths: [`GET|POST ${base}`, `PATCH|DELETE ${base}/:id`, ...ownPaths],
        mount(organization) {
            const store = spec.createStore(organization);
            const records = new KindRecords(spec, store);
            const { references } = spec;
            return {
                name: spec.name,
                noun: spec.noun,
                store,
                references: references && {
                    kind: references.kind,
                    report: references.report,
                    listed: () => store.all().map((record) => ({ record, ids: references.idsOf(record) })),
                },
                apiRoutes: createKindApiRoutes(records),
                controlRoutes: createKindControlRoutes(records),
                methods: (state) => spec.methods?.(createMethodContext(state, records)) ?? ({} as Methods),
            };
        },
    };
}

/** Out-of-band changes: each returns a copy of its result or throws, then records are checked for dangling ids. */
function createMethodContext<Rec extends ProjectRecord, New, Change, Store extends KindStore<Rec, New, Change>>(
    state: EmulatorState,
    records: KindRecords<Rec, New, Change, Store>,
): MethodContext<Rec, Store> {
    const { store } = records;
    const change = <T>(label: string, operation: string, outcome: Outcome<T>): T => {
        const value = orThrow(label, outcome);
        checkReferences(state, operation);
        return structuredClone(value);
    };
    return {
        store,
        list: (project) => store.all(project).map((record) => structuredClone(record)),
        create: (operation, project, input) => change(operation, operation, records.seed(state, project, input)),
        update: (operation, id, body) =>
            change(`${operation}(${id})`, operation, records.update(state, store.get(id), body)),
        remove: (operation, id) => change(`${operation}(${id})`, operation, records.remove(store.get(id))),
        orThrow,
    };
}

function orThrow<T>(operation: string, outcome: Outcome<T>): T {
    if (!outcome.ok) throw new Error(`${operation}: ${outcome.message}`);
    return outcome.value;
}
