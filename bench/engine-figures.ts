import type { CycleResult, EngineComparison, EngineProgram } from "./engine-cost";
import { figure, type Figure } from "./figure";
import { median } from "./stats";

export const engineOperations = ["up", "preview", "refresh", "destroy"] as const;
export type EngineOperation = (typeof engineOperations)[number];

export interface SizeRuns {
    group: string;
    size: number;
    /** The programs that ran at this size, the floor first. */
    programs: EngineProgram[];
    /** Each program's runs, in the order of `programs`, the same rounds for all. */
    runs: CycleResult[][];
    goals?: Partial<Record<EngineOperation, number>>;
    comparisons?: EngineComparison[];
    /** Whether to report the requests each program's operations sent (the distant-API part). */
    requests: boolean;
    /** Whether to report each program's host peak RSS against the floor's. */
    memory: boolean;
}

/**
 * The figures of one size: each subject's operations against the floor's, then each comparison between subjects
 * (such as native ÷ packed), operation by operation, so that what is compared sits side by side in table and chart.
 * Every ratio is of samples from the same rounds.
 */
export function engineFigures(sized: SizeRuns): { figures: Figure[]; memory: Figure[] } {
    const { group, size, programs, runs } = sized;
    const floorRuns = runs[0]!;
    const subjects = programs.slice(1).map((program, offset) => ({ program, runs: runs[offset + 1]! }));
    const runsOf = (key: string) => runs[programs.findIndex((program) => program.key === key)];
    const labelOf = (key: string) => programs.find((program) => program.key === key)?.label ?? key;
    const seconds = (of: CycleResult[], operation: EngineOperation) => of.map((run) => run.seconds[operation]);
    const figures: Figure[] = [];
    for (const operation of engineOperations) {
        for (const { program, runs: subjectRuns } of subjects) {
            const subject = seconds(subjectRuns, operation);
            const baseline = seconds(floorRuns, operation);
            figures.push(
                figure({
                    group,
                    label: `${operation} ×${size}, ${program.label}`,
                    unit: "s",
                    subject: median(subject),
                    baseline: median(baseline),
                    baselineName: "floor program",
                    goal: { max: sized.goals?.[operation] ?? 1.1 },
                    samples: { subject, baseline },
                }),
            );
        }
        for (const comparison of sized.comparisons ?? []) {
            const [subjectRuns, baselineRuns] = [runsOf(comparison.subject), runsOf(comparison.baseline)];
            if (subjectRuns === undefined || baselineRuns === undefined) continue;
            const subject = seconds(subjectRuns, operation);
            const baseline = seconds(baselineRuns, operation);
            figures.push(
                figure({
                    group,
                    label: `${operation} ×${size}, ${labelOf(comparison.subject)} ÷ ${labelOf(comparison.baseline)}`,
                    unit: "s",
                    subject: median(subject),
                    baseline: median(baseline),
                    baselineName: labelOf(comparison.baseline),
                    goal: comparison.goal === undefined ? undefined : { max: comparison.goal },
                    samples: { subject, baseline },
                }),
            );
        }
        if (!sized.requests) continue;
        for (const { program, runs: subjectRuns } of subjects) {
            if (!program.channels) continue;
            // Requests are counted, not timed: the same in every repetition, so one figure says it.
            const requests = subjectRuns.map((run) => run.requests?.[operation] ?? NaN);
            figures.push(
                figure({
                    group,
                    label: `${operation} ×${size} requests, ${program.label}`,
                    unit: "req",
                    subject: Math.max(...requests),
                    baseline: size,
                    baselineName: "one per resource",
                    goal: operation === "refresh" ? { max: (Math.ceil(size / 100) + 5) / size } : undefined,
                }),
            );
        }
    }
    const memory = !sized.memory
        ? []
        : subjects.map(({ program, runs: subjectRuns }) => {
              const subject = subjectRuns.map((run) => (run.peakRss ?? NaN) / 2 ** 20);
              const baseline = floorRuns.map((run) => (run.peakRss ?? NaN) / 2 ** 20);
              return figure({
                  group: "5 memory",
                  label: `host peak RSS, up ×${size}, ${program.label}`,
                  unit: "MiB",
                  subject: median(subject),
                  baseline: median(baseline),
                  baselineName: "floor's host",
                  samples: { subject, baseline },
              });
          });
    return { figures, memory };
}
