import type { ProjectRecord } from "./project-store";

/** A moment at which a stored alert rule listed a channel id that no longer exists in its project. */
export interface DanglingReference {
    /**
     * The index in `Emulator.requests` of the mutating API request after which the reference was seen; absent when
     * an out-of-band change (`deleteChannel`, `patchAlertRule`, …) preceded the check. Indexes count from the last
     * `resetRequests`.
     */
    requestIndex?: number;
    /** What had just happened: `DELETE /v1/notification-channels/<id>`, or the out-of-band method's name. */
    after: string;
    ruleId: string;
    channelId: string;
    project: string;
}

/** What the log reads of a kind whose records list ids of another kind (`KindSpec.references`). */
export interface ReferenceSource {
    /** The referenced kind's name. */
    readonly kind: string;
    /** What a report calls the referring record's id and the missing one (`ruleId`, `channelId`). */
    readonly report: { readonly referrer: string; readonly referenced: string };
    /** Every stored record of the referring kind with the ids it lists. */
    listed(): Array<{ record: ProjectRecord; ids: readonly string[] }>;
}

interface Found {
    moment: { requestIndex?: number; after: string };
    /** The two ids under the names the referring kind gives them. */
    ids: Record<string, string>;
    project: string;
}

/**
 * Evidence of ordering for tests. hookstream documents neither a refusal nor a cascade when a referenced channel is
 * deleted (`docs/hookstream-api.md §6.8`), so the emulator lets the delete through, as the real API most likely does,
 * and notes every moment a record is left listing a missing one. A deployment engine that orders its deletes
 * correctly leaves this log empty.
 */
export class DanglingReferenceLog {
    #found: Found[] = [];

    /** Called after every mutating request or out-of-band change; `exists` looks an id up in a kind and project. */
    check(
        sources: Iterable<ReferenceSource>,
        exists: (kind: string, project: string, id: string) => boolean,
        moment: { requestIndex?: number; after: string },
    ): void {
        for (const source of sources) {
            for (const { record, ids } of source.listed()) {
                for (const id of ids) {
                    if (exists(source.kind, record.project, id)) continue;
                    const ids = { [source.report.referrer]: record.id, [source.report.referenced]: id };
                    this.#found.push({ moment, ids, project: record.project });
                }
            }
        }
    }

    /** Copies. Of the built-in kinds only alert rules list ids, which they name `ruleId` and `channelId`. */
    all(): DanglingReference[] {
        return this.#found.map(({ moment, ids, project }) => ({ ...moment, ...ids, project }) as DanglingReference);
    }

    clear(): void {
        this.#found = [];
    }
}
