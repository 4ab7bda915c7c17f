import type { Figure } from "./figure";
import { formatNumber } from "./report";

/**
 * A bar chart of every figure's ratio, hand-written SVG: one bar per figure, a dashed line at 1 (the baseline) and
 * a tick at the goal. Green meets its goal, red misses it, grey has none.
 */
export function renderChart(figures: Figure[], subtitle: string): string {
    const labelWidth = 380;
    const barWidth = 440;
    const valueWidth = 200;
    const rowHeight = 20;
    const groupGap = 26;
    const top = 64;
    const width = labelWidth + barWidth + valueWidth;
    const largest = Math.max(2, ...figures.map((f) => (Number.isFinite(f.ratio) ? f.ratio : 0)));
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
            `<text x="${(Math.max(x(ratio), x(f.goal?.max ?? f.goal?.min ?? 0)) + 5).toFixed(1)}" y="${y + 14}" class="value">${ratio.toFixed(2)}× (${escape(`${formatNumber(f.subject)} vs ${formatNumber(f.baseline)} ${f.unit}`)})</text>`,
        );
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
</style>
<rect width="100%" height="100%" fill="white"/>
<text x="8" y="22" class="title">pulumi-hookstream bench: subject ÷ its own baseline (dashed line = 1×, orange tick = goal)</text>
<text x="8" y="42" class="subtitle">${escape(subtitle)}</text>
${ticks.join("\n")}
${parts.join("\n")}
</svg>
`;
}

function escape(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
