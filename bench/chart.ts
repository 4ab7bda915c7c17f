import type { Figure } from "./figure";
import { formatNumber } from "./report";

/**
 * A bar chart of every figure's ratio, hand-written SVG: one bar per figure (its median ratio), a whisker across its
 * bootstrap 95 % interval, a dashed line at 1 (the baseline) and a tick at the goal. Green meets its goal, red misses
 * it, grey has none. An interval running off the scale ends in an arrow.
 */
export function renderChart(figures: Figure[], subtitle: string): string {
    const labelWidth = 380;
    const barWidth = 440;
    const valueWidth = 280;
    const rowHeight = 20;
    const groupGap = 26;
    const top = 80;
    const width = labelWidth + barWidth + valueWidth;
    // The scale follows the ratios, and the intervals' upper ends unless one is far off (it then ends in an arrow).
    const ratios = figures.map((f) => (Number.isFinite(f.ratio) ? f.ratio : 0));
    const uppers = figures.map((f, i) => Math.min(f.interval?.[1] ?? 0, 2 * ratios[i]!));
    const largest = Math.max(2, ...ratios, ...uppers);
    const scaleMax = Math.ceil(largest * 2) / 2;
    const x = (ratio: number) => labelWidth + (Math.min(ratio, scaleMax) / scaleMax) * barWidth;

    const parts: string[] = [];
    let y = top;
    let group: string | undefined;
    for (const f of figures) {
        if (f.group !== group) {
            group = f.group;
            y += groupGap - rowHeight / 2;
            parts.push(`<text x="8" y="${y}" class="group">${escape(group)}</text>`);
            y += 6;
        }
        const fill = f.pass === undefined ? "#9aa0a6" : f.pass ? "#2e9d5b" : "#d93025";
        const ratio = Number.isFinite(f.ratio) ? f.ratio : 0;
        parts.push(
            `<text x="${labelWidth - 8}" y="${y + 14}" class="label">${escape(f.label)}</text>`,
            `<rect x="${labelWidth}" y="${y + 3}" width="${(x(ratio) - labelWidth).toFixed(1)}" height="${rowHeight - 6}" fill="${fill}"/>`,
            `<text x="${(Math.max(x(ratio), x(f.interval?.[1] ?? 0), x(f.goal?.max ?? f.goal?.min ?? 0)) + 12).toFixed(1)}" y="${y + 14}" class="value">${escape(formatRatio(f))} (${escape(`${formatNumber(f.subject)} vs ${formatNumber(f.baseline)} ${f.unit}`)})</text>`,
        );
        if (f.interval !== undefined) parts.push(whisker(f.interval, y + rowHeight / 2, x, scaleMax));
        const goal = f.goal?.max ?? f.goal?.min;
        if (goal !== undefined) {
            parts.push(
                `<line x1="${x(goal).toFixed(1)}" x2="${x(goal).toFixed(1)}" y1="${y + 1}" y2="${y + rowHeight - 1}" class="goal"/>`,
            );
        }
        y += rowHeight;
    }
    const bottom = y + 30;
    const ticks: string[] = [];
    for (let tick = 0; tick <= scaleMax + 1e-9; tick += 0.5) {
        ticks.push(
            `<line x1="${x(tick)}" x2="${x(tick)}" y1="${top}" y2="${y}" class="${tick === 1 ? "one" : "grid"}"/>`,
            `<text x="${x(tick)}" y="${y + 16}" class="tick">${tick.toFixed(1)}×</text>`,
        );
    }
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bottom}" viewBox="0 0 ${width} ${bottom}" font-family="sans-serif">
<style>
.title { font-size: 16px; font-weight: bold; } .subtitle { font-size: 12px; fill: #555; }
.group { font-size: 13px; font-weight: bold; } .label { font-size: 12px; text-anchor: end; }
.value { font-size: 11px; fill: #333; } .tick { font-size: 11px; text-anchor: middle; fill: #555; }
.grid { stroke: #e3e3e3; } .one { stroke: #333; stroke-dasharray: 4 3; } .goal { stroke: #f29900; stroke-width: 3; }
.interval { stroke: #202124; stroke-width: 1.5; fill: none; } .off-scale { fill: #202124; }
</style>
<rect width="100%" height="100%" fill="white"/>
<text x="8" y="22" class="title">pulumi-hookstream bench: subject ÷ its own baseline</text>
<text x="8" y="42" class="subtitle">bar: median ratio · whisker: its bootstrap 95 % interval · dashed line: 1× · orange tick: goal</text>
<text x="8" y="60" class="subtitle">${escape(subtitle)}</text>
${ticks.join("\n")}
${parts.join("\n")}
</svg>
`;
}

/** `1.04× [0.98–1.10]`, or the ratio alone when it has no interval. */
function formatRatio(f: Figure): string {
    const interval = f.interval && ` [${f.interval[0].toFixed(2)}–${f.interval[1].toFixed(2)}]`;
    return `${f.ratio.toFixed(2)}×${interval ?? ""}`;
}

/** A horizontal line across the interval with a cap at each end; an end past the scale is an arrow at its edge. */
function whisker(interval: [number, number], middle: number, x: (ratio: number) => number, scaleMax: number): string {
    const [low, high] = interval.map((end) => x(Math.max(0, end)).toFixed(1)) as [string, string];
    const cap = (at: string) => `<line x1="${at}" x2="${at}" y1="${middle - 5}" y2="${middle + 5}" class="interval"/>`;
    const end =
        interval[1] > scaleMax
            ? `<path d="M${high} ${middle - 5} L${(Number(high) + 8).toFixed(1)} ${middle} L${high} ${middle + 5} Z" class="off-scale"/>`
            : cap(high);
    return [`<line x1="${low}" x2="${high}" y1="${middle}" y2="${middle}" class="interval"/>`, cap(low), end].join("");
}

function escape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
