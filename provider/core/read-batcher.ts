import type { Page } from "./pagination";
import type { Transport } from "./transport";

/**
 * Reads that arrive together are served from the paginated list instead of one GET each. hookstream rate-limits
 * every call of an organization together (docs/hookstream-api.md §4.2), and a refresh sends the provider one read per
 * resource, concurrently: a list page answers up to a hundred of them.
 *
 * - A read with no other read started just before it is a lone read: it sends its own GET at once, as it always did.
 * - A read that arrives while others are recent joins a walk of the list, which starts at once; it is answered as soon
 *   as the page holding its item arrives, and items of pages already walked answer later reads from memory.
 * - An item the walk does not find, or finds without every field a read reports, is read with its own GET: only a
 *   GET's 404 ever says that something is gone. So is every read whose walk fails.
 * - A walk reads at most five pages, or ten listed items per reader so far and two pages more, so a small stack in a
 *   large project pays for a few pages at most; readers beyond that send their own GET unless more readers soon let
 *   the walk go on.
 */

export interface ListSource<T> {
    /** One page of the key's list, at the cursor. */
    page(api: Transport, cursor: string | undefined): Promise<Page<T>>;
    idOf(item: T): string;
    /** Whether a listed item carries every field a read reports (a list may omit some). */
    isComplete(item: T): boolean;
}

export interface BatchOptions {
    /** A read started this soon after the last one joins a walk instead of sending a GET of its own. */
    companyWindowMs: number;
    /** Items per page, to bound a walk by what its readers could fill. */
    pageSize: number;
    /** How many listed items a walk may read per reader, before the extra pages. */
    itemsPerReader: number;
    /** Pages a walk may read beyond that. */
    extraPages: number;
    /** Pages a walk may always read, whatever its readers. */
    minPages: number;
    /** How long a read waits, when the walk is at its limit, for more readers to let it go on. */
    patienceMs: number;
    /** How long what a walk saw may answer reads. */
    freshForMs: number;
    now: () => number;
}

const defaults: BatchOptions = {
    companyWindowMs: 100,
    pageSize: 100,
    itemsPerReader: 10,
    extraPages: 2,
    minPages: 5,
    patienceMs: 50,
    freshForMs: 10_000,
    now: () => performance.now(),
};

interface Walk<T> {
    startedAt: number;
    found: Map<string, T>;
    waiting: Map<string, ((item: T | undefined) => void)[]>;
    /** Every read that asked this walk: what bounds how many pages it may read. */
    readers: number;
    pages: number;
    cursor: string | undefined;
    cursors: Set<string>;
    /** No page left to read: the last one was read, a page failed, or the walk read all it may. */
    finished: boolean;
    fetching: boolean;
    /** Lets the waiting reads go on their own unless more readers lift the limit first. */
    release?: ReturnType<typeof setTimeout>;
}

/** The reads of one resource kind, per transport (so per API key and base URL). */
export class ReadBatcher<T> {
    readonly #source: ListSource<T>;
    readonly #options: BatchOptions;
    readonly #state = new WeakMap<Transport, { lastReadAt: number; walk?: Walk<T> }>();

    constructor(source: ListSource<T>, options: Partial<BatchOptions> = {}) {
        this.#source = source;
        this.#options = { ...defaults, ...options };
    }

    /** The item with this id, as a list or `getOne` reports it; throws what `getOne` throws (a 404 among them). */
    async read(api: Transport, id: string, getOne: () => Promise<T>): Promise<T> {
        const now = this.#options.now();
        let state = this.#state.get(api);
        if (state === undefined) {
            state = { lastReadAt: Number.NEGATIVE_INFINITY };
            this.#state.set(api, state);
        }
        const recent = now - state.lastReadAt < this.#options.companyWindowMs;
        state.lastReadAt = now;

        let walk = state.walk;
        if (walk !== undefined && now - walk.startedAt > this.#options.freshForMs) walk = state.walk = undefined;
        if (walk === undefined) {
            if (!recent) return getOne();
            walk = state.walk = newWalk(now);
        }
        const listed = await this.#lookUp(api, walk, id);
        return listed !== undefined && this.#source.isComplete(listed) ? listed : getOne();
    }

    /** Forgets what a walk saw of this item: after a write, only hookstream knows it. */
    forget(api: Transport, id: string): void {
        this.#state.get(api)?.walk?.found.delete(id);
    }

    #lookUp(api: Transport, walk: Walk<T>, id: string): Promise<T | undefined> {
        walk.readers += 1;
        const seen = walk.found.get(id);
        if (seen !== undefined || walk.finished) return Promise.resolve(seen);
        const answered = new Promise<T | undefined>((resolve) => {
            const list = walk.waiting.get(id);
            if (list) list.push(resolve);
            else walk.waiting.set(id, [resolve]);
        });
        this.#pump(api, walk);
        return answered;
    }

    /**
     * Reads the next pages while someone waits for an item not seen yet. At the limit, waits a moment for more
     * readers (a refresh's reads arrive over time) before the waiting reads go on their own.
     */
    #pump(api: Transport, walk: Walk<T>): void {
        if (walk.fetching || walk.waiting.size === 0) return;
        if (!this.#atLimit(walk)) {
            clearTimeout(walk.release);
            walk.release = undefined;
            void this.#fetchWhileWaited(api, walk);
            return;
        }
        walk.release ??= setTimeout(() => {
            walk.release = undefined;
            if (this.#atLimit(walk)) this.#releaseWaiting(walk);
            else this.#pump(api, walk);
        }, this.#options.patienceMs).unref();
    }

    async #fetchWhileWaited(api: Transport, walk: Walk<T>): Promise<void> {
        walk.fetching = true;
        try {
            while (walk.waiting.size > 0 && !walk.finished && !this.#atLimit(walk)) {
                const page = await this.#source.page(api, walk.cursor);
                walk.pages += 1;
                for (const item of page.items) {
                    const id = this.#source.idOf(item);
                    walk.found.set(id, item);
                    const waiters = walk.waiting.get(id);
                    walk.waiting.delete(id);
                    for (const resolve of waiters ?? []) resolve(item);
                }
                // A server that hands out a cursor twice would walk in circles.
                if (page.nextCursor === undefined || walk.cursors.has(page.nextCursor)) walk.finished = true;
                else walk.cursors.add(page.nextCursor);
                walk.cursor = page.nextCursor;
            }
        } catch {
            // The walk is an optimisation: whoever waits on it reads on its own.
            walk.finished = true;
        } finally {
            walk.fetching = false;
            if (walk.finished) this.#releaseWaiting(walk);
            else this.#pump(api, walk);
        }
    }

    /** Whoever still waits reads on its own. */
    #releaseWaiting(walk: Walk<T>): void {
        for (const waiters of walk.waiting.values()) for (const resolve of waiters) resolve(undefined);
        walk.waiting.clear();
    }

    /**
     * The walk has listed `itemsPerReader` items for each of its readers so far and a few pages more, or `minPages`
     * pages. The engine sends only a few reads at a time (`--parallel`), so readers trickle in while the first ones
     * wait; the bound keeps a small stack in a large project from paying for the whole list: it then costs at most
     * `minPages` pages, or one page per `pageSize / itemsPerReader` reads and a few more.
     */
    #atLimit(walk: Walk<T>): boolean {
        const { pageSize, extraPages, itemsPerReader, minPages } = this.#options;
        return walk.pages >= Math.max(minPages, Math.ceil((walk.readers * itemsPerReader) / pageSize) + extraPages);
    }
}

function newWalk<T>(now: number): Walk<T> {
    return {
        startedAt: now,
        found: new Map(),
        waiting: new Map(),
        readers: 0,
        pages: 0,
        cursor: undefined,
        cursors: new Set(),
        finished: false,
        fetching: false,
    };
}
