import { ratioInterval } from "./spread";

/** One line of the report: a subject measured against its own baseline from the same run. */
export interface Figure {
    /** Which measurement it belongs to, such as "provider overhead". */
    group: string;
    /** What was measured, such as "create ×200 @16". */
    label: string;
    unit: string;
    /** Median of the subject's samples (or the single value measured). */
    subject: number;
    /** Median of the baseline's samples, or the reference value the subject is held to. */
    baseline: number;
    baselineName: string;
    /** subject ÷ baseline. */
    ratio: number;
    /** The bootstrap 95 % interval of the ratio, when both sides have samples (spread.ts). */
    interval?: [number, number];
    /** The ratio the figure must stay within: at most `max`, or at least `min`. */
    goal?: { max?: number; min?: number };
    /** Whether the goal is met; undefined when the figure has none. */
    pass?: boolean;
    note?: string;
    samples?: { subject: number[]; baseline: number[] };
}

export function figure(fields: Omit<Figure, "ratio" | "pass" | "interval">): Figure {
    const ratio = fields.subject / fields.baseline;
    const interval = fields.samples && ratioInterval(fields.samples.subject, fields.samples.baseline);
    const { goal } = fields;
    const pass =
        goal === undefined
            ? undefined
            : (goal.max === undefined || ratio <= goal.max) && (goal.min === undefined || ratio >= goal.min);
    return interval === undefined ? { ...fields, ratio, pass } : { ...fields, ratio, interval, pass };
}
