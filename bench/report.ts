import type { EngineOperation, EngineResult } from "./engine-cost";
import type { Figure } from "./figure";

/** The report as fixed-width text: one row per figure, then seconds per resource by size. */
export function formatTable(figures: Figure[]): string {
    const rows = figures.map((f) => [
        f.group,
        f.label,
        `${formatNumber(f.subject)} ${f.unit}`,
        `${formatNumber(f.baseline)} ${f.unit} (${f.baselineName})`,
        f.ratio.toFixed(3),
        f.interval === undefined ? "" : `${f.interval[0].toFixed(3)}–${f.interval[1].toFixed(3)}`,
        formatGoal(f),
        f.pass === undefined ? "" : f.pass ? "ok" : "MISSED",
    ]);
    const notes = figures.flatMap((f) => (f.note === undefined ? [] : [`  ${f.label}: ${f.note}`]));
    const table = columns(["measurement", "figure", "subject", "baseline", "ratio", "95 % interval", "goal", ""], rows);
    return notes.length === 0 ? table : `${table}\nnotes:\n${notes.join("\n")}`;
}

/** Seconds per resource at each size: a linear program shows the same figure on every row. */
export function formatPerResource(medians: EngineResult["medians"], labels: Record<string, string>): string {
    const keys = Object.keys(medians);
    const sizes = [...new Set(keys.flatMap((key) => Object.keys(medians[key]!).map(Number)))].sort((a, b) => a - b);
    const operations: EngineOperation[] = ["up", "preview", "refresh", "destroy"];
    const rows = sizes.flatMap((size) =>
        operations.map((operation) => [
            String(size),
            operation,
            ...keys.map((key) => {
                const seconds = medians[key]![size]?.[operation];
                return seconds === undefined ? "" : `${((seconds * 1000) / size).toFixed(1)} ms`;
            }),
        ]),
    );
    return columns(["size", "op", ...keys.map((key) => `${labels[key] ?? key} /res`)], rows);
}

function formatGoal(f: Figure): string {
    if (f.goal === undefined) return "";
    return [f.goal.min === undefined ? "" : `≥ ${f.goal.min}`, f.goal.max === undefined ? "" : `≤ ${f.goal.max}`]
        .filter((part) => part !== "")
        .join(", ");
}

export function formatNumber(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    const magnitude = Math.abs(value);
    return magnitude >= 100 ? value.toFixed(0) : magnitude >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function columns(header: string[], rows: string[][]): string {
    const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
    const line = (cells: string[]) =>
        cells
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join("  ")
            .trimEnd();
    return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}
