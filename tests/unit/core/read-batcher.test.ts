import assert from "node:assert/strict";
import type { Page } from "../../../provider/core/pagination";
import { ReadBatcher } from "../../../provider/core/read-batcher";
import type { Transport } from "../../../provider/core/transport";

interface Item {
    id: string;
    partial?: boolean;
}

/** A project of `count` items listed `pageSize` a page, counting every request. */
function project(count: number, options: { pageSize?: number; failPage?: number; partial?: Set<string> } = {}) {
    const pageSize = options.pageSize ?? 100;
    const items: Item[] = Array.from({ length: count }, (_, i) => ({
        id: `c${i}`,
        partial: options.partial?.has(`c${i}`),
    }));
    const sent = { pages: 0, gets: [] as string[] };
    let clock = 0;
    const batcher = new ReadBatcher<Item>(
        {
            async page(_api, cursor): Promise<Page<Item>> {
                sent.pages += 1;
                if (options.failPage === sent.pages) throw new Error("page failed");
                const start = cursor === undefined ? 0 : Number(cursor);
                const end = start + pageSize;
                return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : undefined };
            },
            idOf: (item) => item.id,
            isComplete: (item) => item.partial !== true,
        },
        { now: () => clock },
    );
    const api = {} as Transport;
    const read = (id: string) =>
        batcher.read(api, id, async () => {
            sent.gets.push(id);
            const found = items.find((item) => item.id === id);
            if (!found) throw Object.assign(new Error(`404 ${id}`), { status: 404 });
            return found;
        });
    return {
        sent,
        read,
        batcher,
        api,
        items,
        advance: (ms: number) => (clock += ms),
    };
}

describe("ReadBatcher", () => {
    it("sends a lone read's own GET and nothing else", async () => {
        const { sent, read } = project(500);
        assert.equal((await read("c7")).id, "c7");
        assert.deepEqual(sent, { pages: 0, gets: ["c7"] });
    });

    it("serves 500 reads that arrive together from 5 pages and the first read's GET", async () => {
        const { sent, read } = project(500);
        const ids = Array.from({ length: 500 }, (_, i) => `c${i}`);
        const results = await Promise.all(ids.map(read));
        assert.deepEqual(
            results.map((item) => item.id),
            ids,
        );
        assert.equal(sent.pages, 5);
        assert.deepEqual(sent.gets, ["c0"]);
    });

    it("answers later reads of the same burst from pages already walked", async () => {
        const { sent, read, advance } = project(300);
        await Promise.all([read("c0"), read("c1")]);
        advance(50);
        await Promise.all(["c150", "c299", "c2"].map(read));
        assert.equal(sent.pages, 3);
        assert.deepEqual(sent.gets, ["c0"]);
    });

    it("confirms an item missing from the list with its own GET, which reports the 404", async () => {
        const { sent, read } = project(150);
        const [, gone] = await Promise.allSettled([read("c0"), read("deleted")]);
        assert.equal(gone.status, "rejected");
        assert.match(String((gone as PromiseRejectedResult).reason), /404 deleted/);
        assert.equal(sent.pages, 2, "the whole list was walked before the GET");
        assert.deepEqual(sent.gets, ["c0", "deleted"]);
    });

    it("reads a listed item that lacks fields with its own GET", async () => {
        const { sent, read } = project(10, { partial: new Set(["c3"]) });
        await Promise.all(["c0", "c3", "c4"].map(read));
        assert.deepEqual(sent.gets, ["c0", "c3"]);
        assert.equal(sent.pages, 1);
    });

    it("walks on past five pages while its readers could fill them", async () => {
        const { sent, read } = project(2_000);
        const ids = Array.from({ length: 2_000 }, (_, i) => `c${(i * 7) % 2_000}`);
        await Promise.all(ids.map(read));
        assert.equal(sent.pages, 20);
        assert.equal(sent.gets.length, 1);
    });

    it("falls back to one GET per read when a page fails", async () => {
        const { sent, read } = project(300, { failPage: 2 });
        const ids = ["c0", "c1", "c150", "c250"];
        const results = await Promise.all(ids.map(read));
        assert.deepEqual(
            results.map((item) => item.id),
            ids,
        );
        assert.equal(sent.pages, 2);
        assert.deepEqual(sent.gets.sort(), ["c0", "c150", "c250"]);
    });

    it("stops walking a large project after five pages when it has few readers", async () => {
        const { sent, read } = project(5_000);
        await Promise.all(["c0", "c4000", "c4999"].map(read));
        assert.equal(sent.pages, 5);
        assert.deepEqual(sent.gets.sort(), ["c0", "c4000", "c4999"]);
    });

    it("does not answer from a walk older than its freshness, nor for an item written since", async () => {
        const { sent, read, advance, batcher, api } = project(200);
        await Promise.all(["c0", "c1", "c2"].map(read));
        batcher.forget(api, "c2");
        advance(10);
        await read("c2");
        assert.deepEqual(sent.gets, ["c0", "c2"]);
        advance(20_000);
        await read("c1");
        assert.deepEqual(sent.gets, ["c0", "c2", "c1"], "a lone read long after the walk sends its own GET");
    });
});
