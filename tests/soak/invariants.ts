import { isDeepStrictEqual } from "node:util";
import type { Emulator } from "../../emulator";
import { markerIn } from "../../provider/core/create-token";
import { createFinishTypeToken } from "../../provider/create-finish/type-token";
import type { SoakProgram } from "./soak-program";

/**
 * What must hold after a clean `up`, however many faults or kills the `up` before it met: the API holds exactly what
 * the program declares, once, and nothing else, no name still marked as an unfinished create; each create's finishing
 * step is in state; no rule ever pointed at a deleted channel; no secret is in the clear.
 * Each check returns violations as sentences instead of throwing, so one round reports everything it finds.
 */

const channelToken = "pulumi-nodejs:dynamic/hookstream:NotificationChannel";
const ruleToken = "pulumi-nodejs:dynamic/hookstream:AlertRule";

interface StateResource {
    urn: string;
    type: string;
    id?: string;
    parent?: string;
    inputs?: Record<string, unknown>;
    outputs?: Record<string, unknown>;
}

/** Resource name → id, per kind, from a deployment (`stack.exportStack()`). */
export function idsInState(deployment: { resources?: StateResource[] }): {
    channels: Map<string, string>;
    rules: Map<string, string>;
    violations: string[];
} {
    const channels = new Map<string, string>();
    const rules = new Map<string, string>();
    const violations: string[] = [];
    for (const resource of deployment.resources ?? []) {
        const target = resource.type === channelToken ? channels : resource.type === ruleToken ? rules : undefined;
        if (target === undefined) continue;
        const name = resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
        if (target.has(name)) violations.push(`state holds ${name} twice`);
        if (resource.id === undefined || resource.id === "") violations.push(`state holds ${name} without an id`);
        else target.set(name, resource.id);
    }
    return { channels, rules, violations };
}

export function checkApiMatchesState(
    program: SoakProgram,
    state: { channels: Map<string, string>; rules: Map<string, string> },
    emulator: Emulator,
    project: string,
): string[] {
    const violations: string[] = [];
    const sameNames = (kind: string, declaredNames: Iterable<string>, namesInState: Iterable<string>) => {
        const [declared, inState] = [new Set(declaredNames), new Set(namesInState)];
        const missing = [...declared].filter((name) => !inState.has(name));
        const extra = [...inState].filter((name) => !declared.has(name));
        if (missing.length > 0) violations.push(`${kind} declared but not in state: ${missing.join(", ")}`);
        if (extra.length > 0) violations.push(`${kind} in state but no longer declared: ${extra.join(", ")}`);
    };
    sameNames("channels", program.channels.keys(), state.channels.keys());
    sameNames("rules", program.rules.keys(), state.rules.keys());

    const storedChannels = new Map(emulator.channels(project).map((channel) => [channel.id, channel]));
    for (const [name, id] of state.channels) {
        const stored = storedChannels.get(id);
        if (stored === undefined) {
            violations.push(`channel ${name} (${id}) is in state but not in hookstream`);
            continue;
        }
        if (!program.channels.has(name)) continue;
        const expected = program.expectedChannel(name);
        const actual = {
            name: stored.name,
            channel_type: stored.channel_type,
            config: stored.config,
            enabled: stored.enabled,
        };
        for (const field of Object.keys(expected) as Array<keyof typeof expected>) {
            if (!isDeepStrictEqual(actual[field], expected[field])) {
                // Fields only, never values: config holds secrets.
                violations.push(`channel ${name} (${id}) differs from its declaration in ${field}`);
            }
        }
    }
    const storedRules = new Map(emulator.alertRules(project).map((rule) => [rule.id, rule]));
    for (const [name, id] of state.rules) {
        const stored = storedRules.get(id);
        if (stored === undefined) {
            violations.push(`rule ${name} (${id}) is in state but not in hookstream`);
            continue;
        }
        if (!program.rules.has(name)) continue;
        const expected = program.expectedRule(name, state.channels);
        const actual = {
            name: stored.name,
            rule_type: stored.rule_type,
            rule_config: stored.rule_config,
            channel_ids: [...stored.channel_ids].sort(),
            enabled: stored.enabled,
            cooldown_minutes: stored.cooldown_minutes,
        };
        expected.channel_ids.sort();
        for (const field of Object.keys(expected) as Array<keyof typeof expected>) {
            if (!isDeepStrictEqual(actual[field], expected[field])) {
                violations.push(
                    `rule ${name} (${id}) differs in ${field}: ${JSON.stringify(actual[field])}, declared ` +
                        JSON.stringify(expected[field]),
                );
            }
        }
    }

    const known = (kind: string, stored: Iterable<{ id: string; name: string }>, ids: Map<string, string>) => {
        const inState = new Set(ids.values());
        const byName = new Map<string, string[]>();
        for (const { id, name } of stored) {
            if (!inState.has(id)) violations.push(`${kind} ${id} ("${name}") is in hookstream but not in state`);
            byName.set(name, [...(byName.get(name) ?? []), id]);
        }
        for (const [name, sameName] of byName) {
            if (sameName.length > 1) violations.push(`hookstream holds ${sameName.length} ${kind}s named "${name}"`);
        }
    };
    known("channel", storedChannels.values(), state.channels);
    known("rule", storedRules.values(), state.rules);
    return violations;
}

/** Every object in hookstream whose name still carries an unfinished create's `[creating …]` marker. */
export function findMarkedNames(emulator: Emulator, project: string): string[] {
    return [
        ...emulator.channels(project).map((object) => ["channel", object] as const),
        ...emulator.alertRules(project).map((object) => ["rule", object] as const),
    ]
        .filter(([, { name }]) => markerIn(name) !== undefined)
        .map(([kind, { id, name }]) => `${kind} ${id} is still named "${name}", marked as an unfinished create`);
}

/**
 * Each channel and rule in state is among the members of exactly one step that finishes creates (a `CreateFinish`:
 * the program's, or its own for one declared late), under its own id, and no member of such a step is missing from
 * state.
 */
export function checkCreatesFinished(deployment: { resources?: StateResource[] }): string[] {
    const violations: string[] = [];
    const resources = deployment.resources ?? [];
    const finishedBy = new Map<string, string[]>();
    for (const finish of resources.filter((resource) => resource.type === createFinishTypeToken)) {
        const members = (finish.inputs?.members ?? []) as { objectId?: unknown }[];
        for (const { objectId } of members) {
            const id = String(objectId);
            finishedBy.set(id, [...(finishedBy.get(id) ?? []), finish.urn]);
        }
    }
    const inState = new Set<string>();
    for (const resource of resources) {
        if (resource.type !== channelToken && resource.type !== ruleToken) continue;
        const name = resource.urn.slice(resource.urn.lastIndexOf("::") + 2);
        const id = String(resource.id);
        inState.add(id);
        const steps = finishedBy.get(id) ?? [];
        if (steps.length === 0) violations.push(`${name} (${id}) is in no CreateFinish step in state`);
        if (steps.length > 1) violations.push(`${name} (${id}) is in ${steps.length} CreateFinish steps in state`);
    }
    for (const [id, steps] of finishedBy) {
        if (!inState.has(id))
            violations.push(`the CreateFinish step ${steps[0]} finished ${id}, which is not in state`);
    }
    return violations;
}

/** Every place a secret shows up in the clear; `secrets` maps a label (never the secret) to the text to look for. */
export function findLeaks(secrets: ReadonlyMap<string, string>, texts: Record<string, string>): string[] {
    const violations: string[] = [];
    for (const [where, text] of Object.entries(texts)) {
        for (const [label, secret] of secrets) {
            if (text.includes(secret)) violations.push(`${label} is in the clear in ${where}`);
        }
    }
    return violations;
}
