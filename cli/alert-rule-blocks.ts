import type { Rule } from "../provider/alert-rule/response";
import { isRuleType } from "../provider/alert-rule/rule-types";
import { objectLiteral, type BlockRenderer } from "./block-renderer";

/**
 * The `AlertRule` declarations of a discovered program: each rule adopted by id, declared exactly as hookstream holds
 * it, so that the first `pulumi up` sends no change. Channels the program declares are referenced by variable
 * (`[ops.id]`), which also makes Pulumi adopt them before the rules that use them and delete the rules first.
 */
export const ruleBlocks: BlockRenderer<Rule> = {
    className: "AlertRule",
    word: "rule",
    fallbackName: (rule) => `${rule.ruleType.replace(/_/g, "-")}-rule`,
    references: (rule) => rule.channelIds,
    render(rule, context) {
        if (!isRuleType(rule.ruleType)) {
            // The program would not compile, and check would refuse it: say so instead of guessing.
            return {
                skipped:
                    `Alert rule ${rule.id} (${JSON.stringify(rule.name)}) is left out: its type ` +
                    `${JSON.stringify(rule.ruleType)} is not one this version of pulumi-hookstream knows.`,
            };
        }
        const missing = rule.channelIds.filter((id) => !context.variables.has(id));
        const channelIds = rule.channelIds.map((id) => {
            const variable = context.variables.get(id);
            return variable === undefined ? JSON.stringify(id) : `${variable}.id`;
        });
        const config = Object.entries(rule.ruleConfig)
            .filter(([, value]) => value !== undefined)
            .map(([key, value]): [string, string] => [key, JSON.stringify(value)]);
        const args = [
            `adopt: ${JSON.stringify(rule.id)}`,
            `ruleType: ${JSON.stringify(rule.ruleType)}`,
            `ruleConfig: ${objectLiteral(config)}`,
            `name: ${JSON.stringify(rule.name)}`,
        ];
        // An empty description is what the provider reads as none.
        if (rule.description) args.push(`description: ${JSON.stringify(rule.description)}`);
        if (rule.sourceId !== undefined) args.push(`sourceId: ${JSON.stringify(rule.sourceId)}`);
        if (rule.destinationId !== undefined) args.push(`destinationId: ${JSON.stringify(rule.destinationId)}`);
        args.push(
            `channelIds: [${channelIds.join(", ")}]`,
            `cooldownMinutes: ${rule.cooldownMinutes}`,
            `enabled: ${rule.enabled}`,
        );
        const comments = missing.map(
            (id) =>
                `${JSON.stringify(id)} is not a channel of this project (deleted since?): kept as its raw id, ` +
                "which hookstream may refuse on the next change of this rule.",
        );
        return { args, comments };
    },
};
