import type { KindReferences, KindSpec, KindStore } from "./kind-spec";
import type { Parsed } from "./parsed";
import type { ProjectRecord } from "./project-store";
import { fail, ok, type Outcome } from "./routing";
import { mintId } from "./shapes";
import { findRecord, isKnownProject, type EmulatorState } from "./state";

/**
 * What the API, the control API and the programmatic API do to one kind's records, validated the same way for all
 * three: one per kind per running emulator.
 */
export class KindRecords<Rec extends ProjectRecord, New, Change, Store extends KindStore<Rec, New, Change>> {
    /** The 404 message: `Notification channel not found`. */
    readonly notFound: string;

    constructor(
        readonly spec: KindSpec<Rec, New, Change, Store, object>,
        readonly store: Store,
    ) {
        this.notFound = `${spec.noun[0]?.toUpperCase() ?? ""}${spec.noun.slice(1)} not found`;
    }

    /** `POST /v1/<path>`. */
    create(state: EmulatorState, project: string, body: unknown): Outcome<Rec> {
        return this.#insert(state, project, this.spec.validate.create(body));
    }

    /** A record put in place out of band, as if someone had used the dashboard. */
    seed(state: EmulatorState, project: unknown, input: unknown): Outcome<Rec> {
        if (!isKnownProject(state, project)) {
            return fail(400, "Invalid body: 'project' must name the project of a configured API key");
        }
        return this.#insert(state, project, this.spec.validate.seed(input));
    }

    update(state: EmulatorState, record: Rec | undefined, body: unknown): Outcome<Rec> {
        if (record === undefined) return fail(404, this.notFound);
        const change = this.spec.validate.update(body, record);
        if (!change.success) return fail(400, change.message);
        const unknown = this.#findUnknownReference(state, record.project, change.data);
        return unknown === undefined ? ok(this.store.update(record, change.data)) : fail(400, unknown);
    }

    /** Deletes whatever lists the record: hookstream documents no refusal and no cascade (`dangling-references.ts`). */
    remove(record: Rec | undefined): Outcome<undefined> {
        if (record === undefined) return fail(404, this.notFound);
        this.store.delete(record.id);
        return ok(undefined);
    }

    #insert(state: EmulatorState, project: string, parsed: Parsed<New>): Outcome<Rec> {
        if (!parsed.success) return fail(400, parsed.message);
        const unknown = this.#findUnknownReference(state, project, parsed.data);
        if (unknown !== undefined) return fail(400, unknown);
        return ok(this.store.create(project, mintId(state.shape, this.spec.idPrefix), parsed.data));
    }

    /**
     * Every listed id must be a record of the referenced kind in the writer's own project. The docs are silent on
     * unknown or foreign ids (`docs/hookstream-api.md §6.3`, §6.8, §9 questions 7 and 9), so the emulator takes the
     * strict reading, and answers 400 because create lists 400 and no 404 (§6.3, §4.1). A record of another project is
     * as unknown as a missing one (ERR: a 404 covers another project's resources, §3.2). A disabled channel is
     * accepted: nothing says a rule may not list one (§6.8).
     */
    #findUnknownReference(state: EmulatorState, project: string, fields: Rec | New | Change): string | undefined {
        const references: KindReferences<Rec | New | Change> | undefined = this.spec.references;
        if (references === undefined) return undefined;
        const ids = references.idsOf(fields);
        const index = ids.findIndex((id) => findRecord(state, references.kind, project, id) === undefined);
        if (index === -1) return undefined;
        const noun = state.kinds.get(references.kind)?.noun ?? references.kind;
        const article = /^[aeiou]/i.test(noun) ? "an" : "a";
        return `Invalid body: '${references.field}.${index}' must be the id of ${article} ${noun} of this project`;
    }
}
