/** The four operations the provider-overhead measurement times, in the order a cycle runs them. */
export const operations = ["create", "read", "update", "delete"] as const;
export type Operation = (typeof operations)[number];

/** Wall-clock ms per phase, and this process's CPU ms per phase (where the provider's own work shows). */
export type PhaseTimes = Record<Operation, number> & { cpu: Record<Operation, number> };

/** Called after each phase, outside its timing: where the measurement reads what the phase sent. */
export type PhaseEnded = (operation: Operation) => Promise<void>;

/** Times each phase of a cycle, wall clock and CPU, and calls `ended` after each, outside the time measured. */
export function phaseTimer(ended: PhaseEnded) {
    const wall: Partial<Record<Operation, number>> = {};
    const cpu: Partial<Record<Operation, number>> = {};
    const timed = async (operation: Operation, run: () => Promise<unknown>) => {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        await run();
        wall[operation] = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        cpu[operation] = (used.user + used.system) / 1000;
        await ended(operation);
    };
    const result = (): PhaseTimes => {
        const pick = (times: Partial<Record<Operation, number>>) =>
            Object.fromEntries(operations.map((operation) => [operation, times[operation] ?? NaN])) as Record<
                Operation,
                number
            >;
        return { ...pick(wall), cpu: pick(cpu) };
    };
    return { timed, result };
}
