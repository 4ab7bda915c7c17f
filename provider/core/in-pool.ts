/** Runs `work` over every item with at most `concurrency` in flight; rejects on the first failure. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>) {
    let next = 0;
    const worker = async () => {
        while (next < items.length) await work(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
