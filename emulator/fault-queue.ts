import type { FaultAction, FaultRule } from "./fault-rule";

/** A rule as `parseFaultRule` lets it through: `times` filled in. */
export type QueuedFaultRule = FaultRule & { times: number };

/** Rules apply in the order they were injected; each is used up after `times` matching requests. */
export class FaultQueue {
    #rules: QueuedFaultRule[] = [];

    add(rule: QueuedFaultRule): void {
        this.#rules.push({ ...rule });
    }

    /** The action for this request, if a rule matches; using it counts against the rule's `times`. */
    take(method: string, path: string): FaultAction | undefined {
        const rule = this.#rules.find((candidate) => matches(candidate, method, path));
        if (rule === undefined) return undefined;
        rule.times -= 1;
        if (rule.times === 0) this.#rules = this.#rules.filter((candidate) => candidate !== rule);
        return rule.action;
    }

    clear(): void {
        this.#rules = [];
    }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
    if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.path === undefined) return true;
    // `search` ignores a /g pattern's lastIndex, which would make `test` match every other call.
    return typeof rule.path === "string" ? path.includes(rule.path) : path.search(rule.path) !== -1;
}
