import type { Rule } from "../provider/alert-rule/response";
import { isRuleType } from "../provider/alert-rule/rule-types";

/**
 * The `AlertRule` declarations of a discovered program: each rule adopted by id, declared exactly as hookstream holds
 * it, so that the first `pulumi up` sends no change. Channels the program declares are referenced by variable
 * (`[ops.id]`), which also makes Pulumi adopt them before the rules that use them and delete the rules first.
 */

export interface RuleBlockContext {
    /** Resource name per rule id. */
    resourceNames: Map<string, string>;
    /** The variable declared for each rule, by rule id. */
    variables: Map<string, string>;
    /** The variable of each discovered channel, by channel id. */
    channelVariables: ReadonlyMap<string, string>;
}

export function renderRuleBlock(rule: Rule, context: RuleBlockContext): string {
    const resourceName = context.resourceNames.get(rule.id)!;
    if (!isRuleType(rule.ruleType)) {
        // The program would not compile, and check would refuse it: say so instead of guessing.
        return (
            `// Alert rule ${rule.id} (${JSON.stringify(rule.name)}) is left out: its type ` +
            `${JSON.stringify(rule.ruleType)} is not one this version of pulumi-hookstream knows.`
        );
    }
    const missing = rule.channelIds.filter((id) => !context.channelVariables.has(id));
    const channelIds = rule.channelIds.map((id) => {
        const variable = context.channelVariables.get(id);
        return variable === undefined ? JSON.stringify(id) : `${variable}.id`;
    });
    const lines = [
        ...missing.map(
            (id) =>
                `// ${JSON.stringify(id)} is not a channel of this project (deleted since?): kept as its raw id, ` +
                "which hookstream may refuse on the next change of this rule.",
        ),
        `export const ${context.variables.get(rule.id)} = new AlertRule(${JSON.stringify(resourceName)}, {`,
        `    adopt: ${JSON.stringify(rule.id)},`,
        `    ruleType: ${JSON.stringify(rule.ruleType)},`,
        `    ruleConfig: ${objectLiteral(rule.ruleConfig)},`,
        `    name: ${JSON.stringify(rule.name)},`,
    ];
    // An empty description is what the provider reads as none.
    if (rule.description) lines.push(`    description: ${JSON.stringify(rule.description)},`);
    if (rule.sourceId !== undefined) lines.push(`    sourceId: ${JSON.stringify(rule.sourceId)},`);
    if (rule.destinationId !== undefined) lines.push(`    destinationId: ${JSON.stringify(rule.destinationId)},`);
    lines.push(
        `    channelIds: [${channelIds.join(", ")}],`,
        `    cooldownMinutes: ${rule.cooldownMinutes},`,
        `    enabled: ${rule.enabled},`,
        `});`,
    );
    return lines.join("\n");
}

/** `{ thresholdMs: 2000, percentileTarget: 95 }`: keys bare where TypeScript allows it, values as JSON. */
function objectLiteral(value: Record<string, unknown>): string {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const fields = entries.map(
        ([key, v]) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}: ${JSON.stringify(v)}`,
    );
    return `{ ${fields.join(", ")} }`;
}
