import { median } from "./stats";

/**
 * How far a ratio of medians can be trusted: a percentile bootstrap of subject ÷ baseline, resampling each side's
 * samples with replacement. A reader tells noise from a regression by whether two runs' intervals overlap. The
 * generator is seeded, so the same samples always give the same interval.
 */
export function ratioInterval(
    subject: readonly number[],
    baseline: readonly number[],
    options: { resamples?: number; confidence?: number; seed?: number } = {},
): [number, number] | undefined {
    if (subject.length < 2 || baseline.length < 2) return undefined;
    const resamples = options.resamples ?? 2000;
    const confidence = options.confidence ?? 0.95;
    const random = mulberry32(options.seed ?? 1);
    const ratios: number[] = [];
    for (let i = 0; i < resamples; i++) {
        ratios.push(median(resample(subject, random)) / median(resample(baseline, random)));
    }
    ratios.sort((a, b) => a - b);
    const tail = (1 - confidence) / 2;
    return [ratios[Math.floor(tail * (resamples - 1))]!, ratios[Math.ceil((1 - tail) * (resamples - 1))]!];
}

function resample(samples: readonly number[], random: () => number): number[] {
    return samples.map(() => samples[Math.floor(random() * samples.length)]!);
}

/** A small, well-known seeded generator: uniform in [0, 1). */
function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
