import type { Organization } from "./organization";

/** What every stored resource has: ids of itself, its organization and project, and when it was made and changed. */
export interface ProjectRecord {
    id: string;
    org_id: string;
    env_id: string;
    /** The project (API key) the record belongs to; only that key sees it. */
    project: string;
    /** ISO 8601, whole seconds, as D1 keeps them. */
    created_at: string;
    updated_at: string;
}

/** The fields of a record that its kind decides; the store fills in the rest. */
export type KindFields<T extends ProjectRecord> = Omit<T, keyof ProjectRecord>;

export interface Page<T> {
    items: T[];
    /** Opaque; null on the last page (PAG). */
    cursor: string | null;
}

/**
 * The records of one resource kind across every project, kept apart by project. Returns live records: callers outside
 * the emulator get copies from `start-emulator.ts`.
 */
export class ProjectStore<T extends ProjectRecord> {
    /** Insertion order is creation order; `seq` orders the newest-first list and keys the cursor. */
    readonly #records = new Map<string, { seq: number; record: T }>();
    #lastSeq = 0;

    constructor(protected readonly organization: Organization) {}

    /** Oldest first. */
    all(project?: string): T[] {
        const records = [...this.#records.values()].map((entry) => entry.record);
        return project === undefined ? records : records.filter((record) => record.project === project);
    }

    /** Newest first, `limit` at a time, resuming after `cursor`; undefined when the cursor is not one of ours. */
    page(project: string, limit: number, cursor?: string): Page<T> | undefined {
        const after = cursor === undefined ? Infinity : decodeCursor(cursor);
        if (after === undefined) return undefined;
        const entries = [...this.#records.values()]
            .filter((entry) => entry.record.project === project && entry.seq < after)
            .reverse();
        const page = entries.slice(0, limit);
        const last = page[page.length - 1];
        return {
            items: page.map((entry) => entry.record),
            cursor: entries.length > limit && last !== undefined ? encodeCursor(last.seq) : null,
        };
    }

    get(id: string): T | undefined {
        return this.#records.get(id)?.record;
    }

    /** A record of another project is as absent as a missing one (ERR: 404). */
    find(project: string, id: string): T | undefined {
        const record = this.get(id);
        return record?.project === project ? record : undefined;
    }

    delete(id: string): boolean {
        return this.#records.delete(id);
    }

    clear(): void {
        this.#records.clear();
    }

    /** Stores a new record of `project`: the kind's `fields` inside the ones every record has. */
    protected insert(project: string, id: string, fields: KindFields<T>): T {
        const now = this.organization.timestamp();
        const record = {
            id,
            org_id: this.organization.id,
            env_id: this.organization.envId(project),
            project,
            ...fields,
            created_at: now,
            updated_at: now,
        } as T;
        this.#records.set(id, { seq: ++this.#lastSeq, record });
        return record;
    }

    /** Marks a record changed now. */
    protected touch(record: T): T {
        record.updated_at = this.organization.timestamp();
        return record;
    }
}

/** Opaque to clients (PAG); holds the position of the page's last record, so deletions between pages skip nothing. */
function encodeCursor(seq: number): string {
    return Buffer.from(`after:${seq}`).toString("base64url");
}

function decodeCursor(cursor: string): number | undefined {
    const match = /^after:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    const seq = match?.[1] === undefined ? undefined : Number(match[1]);
    // Buffer.from ignores characters outside base64url; only the exact string we issued counts.
    return seq !== undefined && encodeCursor(seq) === cursor ? seq : undefined;
}
