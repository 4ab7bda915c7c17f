import type { Organization } from "./organization";
import type { Parsed } from "./parsed";
import type { ProjectRecord, ProjectStore } from "./project-store";
import type { ApiCall, ControlCall, Outcome, Reply } from "./routing";
import type { ResponseShape } from "./shapes";

/**
 * What a resource folder writes to be served: one value of this type, passed to `defineKind`. The emulator builds
 * the kind's list, create, retrieve, update and delete routes, its control API and its out-of-band operations from it.
 *
 * `Rec` is a stored record, `New` what validation makes of a create, `Change` what it makes of a PATCH.
 */
export interface KindSpec<
    Rec extends ProjectRecord,
    New,
    Change,
    Store extends KindStore<Rec, New, Change>,
    Methods extends object,
> {
    /** The kind's name in the control API (`/_emulator/<name>`) and in other kinds' `references`: `channels`. */
    name: string;
    /** What a message calls one record: `notification channel` (a 404 says `Notification channel not found`). */
    noun: string;
    /** `/v1/<path>` lists and creates; `/v1/<path>/{id}` retrieves, updates and deletes. */
    path: string;
    /** Ids minted in the docs shape start with `<idPrefix>_` (`docs/hookstream-api.md §5.2`). */
    idPrefix: string;
    /** A fresh per-project store, one per running emulator. */
    createStore(organization: Organization): Store;
    validate: KindValidation<Rec, New, Change>;
    wire: KindWire<Rec>;
    /** Ids of another kind's records that a record lists; they must exist when written, and are watched after. */
    references?: KindReferences<Rec | New | Change>;
    /** Routes beyond the five, relative to `/v1/<path>`, such as `:id/test`. */
    apiRoutes?: ReadonlyArray<KindRoute<ApiCall & { store: Store }>>;
    /** Control routes beyond list, seed, patch and delete, relative to `/_emulator/<name>`. */
    controlRoutes?: ReadonlyArray<KindRoute<ControlCall & { store: Store }>>;
    /** The kind's methods on `Emulator`, such as `channels()` and `createChannel()`. */
    methods?(context: MethodContext<Rec, Store>): Methods;
}

/** Where a kind's records live; `create` and `update` apply what validation let through. */
export interface KindStore<Rec extends ProjectRecord, New, Change> extends ProjectStore<Rec> {
    create(project: string, id: string, input: New): Rec;
    update(record: Rec, change: Change): Rec;
}

/** Bodies checked the way hookstream reports a 400: one message naming the field (`parse.ts`). */
export interface KindValidation<Rec, New, Change> {
    /** `POST /v1/<path>`. */
    create(body: unknown): Parsed<New>;
    /** A record put in place out of band, as if made in hookstream's dashboard; it may start disabled. */
    seed(input: unknown): Parsed<New>;
    /** `PATCH /v1/<path>/{id}`, checked against the stored record, whose fixed fields (a type) decide the rest. */
    update(body: unknown, record: Rec): Parsed<Change>;
}

/** The kind on the wire, in each response shape (`shapes.ts`). */
export interface KindWire<Rec> {
    /** The key of a list, on the wire and in the control API: `channels`. */
    listKey: string;
    /** The key of one record in the control API: `channel`. */
    itemKey: string;
    /** One record as a list shows it. */
    render(record: Rec, shape: ResponseShape): Record<string, unknown>;
    /** The body of a create or update answer. */
    renderResponse(record: Rec, shape: ResponseShape): Record<string, unknown>;
    /** The body of a retrieve; `renderResponse`'s when absent. */
    renderRetrieved?(record: Rec, shape: ResponseShape): Record<string, unknown>;
}

/**
 * Ids of another kind that a record lists. A create or update that lists an id the project does not have is a 400;
 * after every change the emulator notes records left listing a deleted one (`dangling-references.ts`).
 */
export interface KindReferences<Fields> {
    /** The referenced kind's `name`. */
    kind: string;
    /** The field that lists them, as a 400 names it: `channel_ids`. */
    field: string;
    /** The ids listed by a stored record, a new one or a change; none when a change leaves them alone. */
    idsOf(fields: Fields): readonly string[];
    /** What a dangling reference calls the two ids: `{ referrer: "ruleId", referenced: "channelId" }`. */
    report: { referrer: string; referenced: string };
}

/** A route relative to its kind's base path: `""` for the base itself, `:id` for one record, `:id/test`. */
export interface KindRoute<Call> {
    path: string;
    methods: Partial<Record<string, (call: Call) => Reply>>;
}

/** What a kind's `methods` build on: the operations of the control API, throwing instead of answering 4xx. */
export interface MethodContext<Rec, Store> {
    readonly store: Store;
    /** Copies of the stored records, oldest first; all projects' when `project` is undefined. */
    list(project?: string): Rec[];
    /** Adds a record as the dashboard would; throws `<operation>: <message>` when the API would refuse the input. */
    create(operation: string, project: unknown, input: unknown): Rec;
    /** Changes a record as a PATCH would; throws `<operation>(<id>): <message>` for an unknown id or refused change. */
    update(operation: string, id: string, change: unknown): Rec;
    /** Deletes a record, whatever lists it; throws `<operation>(<id>): <message>` for an unknown id. */
    remove(operation: string, id: string): void;
    /** The value of a successful outcome; else throws `<operation>: <message>`. */
    orThrow<T>(operation: string, outcome: Outcome<T>): T;
}
