/** The middle of the samples (the mean of the two middle ones for an even count). */
export function median(samples: readonly number[]): number {
    if (samples.length === 0) return NaN;
    const sorted = [...samples].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Runs `baseline` and `subject` `reps` times each, swapping which goes first every repetition, so that a machine
 * that warms up or slows down over the run does not favour either side.
 */
export async function alternate<T>(
    reps: number,
    baseline: (rep: number) => Promise<T>,
    subject: (rep: number) => Promise<T>,
): Promise<{ baseline: T[]; subject: T[] }> {
    const [baselineRuns, subjectRuns] = await rotate(reps, [baseline, subject]);
    return { baseline: baselineRuns!, subject: subjectRuns! };
}

/** As `alternate`, for any number of runners: each repetition starts one further along the list. */
export async function rotate<T>(reps: number, runners: ((rep: number) => Promise<T>)[]): Promise<T[][]> {
    const results = runners.map((): T[] => []);
    for (let rep = 0; rep < reps; rep++) {
        for (let k = 0; k < runners.length; k++) {
            const index = (rep + k) % runners.length;
            results[index]!.push(await runners[index]!(rep));
        }
    }
    return results;
}

/** Milliseconds `run` took. */
export async function timed(run: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await run();
    return performance.now() - started;
}
