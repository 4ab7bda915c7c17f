import type { Emulator } from "../../emulator";
import {
    channelTypes,
    ruleTypes,
    type ChannelSpec,
    type RuleSpec,
    type RuleType,
    type SoakProgram,
} from "./soak-program";

/**
 * The changes a user makes to a program between two `pulumi up`s, chosen by a seeded generator: each edit changes
 * the model (and, for an adoption, the emulator, out of band) and says what it did.
 */

/** A seeded source of choices. */
export class Choices {
    constructor(readonly random: () => number) {}

    int(min: number, max: number): number {
        return min + Math.floor(this.random() * (max - min + 1));
    }

    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.random() * items.length)]!;
    }

    /** Up to `count` distinct items, in random order. */
    some<T>(items: readonly T[], count: number): T[] {
        const pool = [...items];
        const chosen: T[] = [];
        while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
        return chosen;
    }
}

/** Bounds that keep the program near its intended size: about 20 channels and a few rules. */
const bounds = { channels: { min: 16, max: 24 }, rules: { min: 2, max: 6 } };

export interface EditContext {
    program: SoakProgram;
    choices: Choices;
    emulator: Emulator;
    project: string;
}

type Edit = (context: EditContext) => string | undefined;

/** Each edit returns what it did, or undefined when it does not apply to the program as it is. */
const edits: Record<string, Edit> = {
    addChannel: ({ program, choices }) => {
        if (program.channels.size >= bounds.channels.max) return undefined;
        const [name] = addChannel(program, choices.pick(channelTypes), choices);
        return `add channel ${name}`;
    },
    removeChannel: ({ program, choices }) => {
        if (program.channels.size <= bounds.channels.min) return undefined;
        const name = choices.pick([...program.channels.keys()]);
        program.channels.delete(name);
        // A rule may not name a channel the program no longer declares.
        for (const rule of program.rules.values()) rule.channels = rule.channels.filter((c) => c !== name);
        return `remove channel ${name}`;
    },
    renameChannel: ({ program, choices }) => {
        const [name, spec] = choices.pick([...program.channels]);
        spec.name = `${name} renamed ${program.serial()}`;
        return `rename channel ${name} to "${spec.name}"`;
    },
    changeChannelType: ({ program, choices }) => {
        const [name, spec] = choices.pick([...program.channels]);
        const type = choices.pick(channelTypes.filter((t) => t !== spec.channelType));
        const from = spec.channelType;
        spec.channelType = type;
        spec.config = program.configFor(type, program.serial());
        delete spec.adopt;
        return `change channel ${name} from ${from} to ${type} (a replacement)`;
    },
    toggleChannel: ({ program, choices }) => {
        const [name, spec] = choices.pick([...program.channels]);
        spec.enabled = !spec.enabled;
        return `${spec.enabled ? "enable" : "disable"} channel ${name}`;
    },
    rotateSecret: ({ program, choices }) => {
        const withSecrets = [...program.channels].filter(([, spec]) => program.secretKeysOf(spec).length > 0);
        if (withSecrets.length === 0) return undefined;
        const [name, spec] = choices.pick(withSecrets);
        for (const key of program.secretKeysOf(spec)) program.rotate(key);
        return `rotate the ${spec.channelType} secret of channel ${name}`;
    },
    changeChannelConfig: ({ program, choices }) => {
        const candidates = [...program.channels].filter(
            ([, s]) => s.channelType === "email" || s.channelType === "webhook",
        );
        if (candidates.length === 0) return undefined;
        const [name, spec] = choices.pick(candidates);
        const n = program.serial();
        if (spec.channelType === "email") {
            spec.config = {
                recipients: choices.some(
                    [`a-${n}@example.com`, `b-${n}@example.com`, `c-${n}@example.com`],
                    choices.int(1, 3),
                ),
            };
        } else {
            spec.config = { ...spec.config, url: `https://hooks-${n}.example.com/moved` };
        }
        return `change the config of channel ${name}`;
    },
    adoptChannel: ({ program, choices, emulator, project }) => {
        if (program.channels.size >= bounds.channels.max) return undefined;
        const type = choices.pick(channelTypes);
        const n = program.serial();
        const resourceName = `adopted-${n}`;
        const config = program.configFor(type, n);
        // Made in the dashboard with the declared settings, or with another name and state, which adoption corrects.
        const existing = emulator.createChannel(project, {
            name: choices.int(0, 1) === 0 ? resourceName : `dashboard ${n}`,
            channel_type: type,
            config: program.resolve(config),
            enabled: choices.int(0, 1) === 0,
        });
        program.channels.set(resourceName, {
            channelType: type,
            name: resourceName,
            enabled: true,
            config,
            adopt: existing.id,
        });
        return `adopt ${type} channel ${existing.id} made out of band as ${resourceName}`;
    },
    addRule: ({ program, choices }) => {
        if (program.rules.size >= bounds.rules.max) return undefined;
        const [name] = addRule(program, choices);
        return `add rule ${name}`;
    },
    removeRule: ({ program, choices }) => {
        if (program.rules.size <= bounds.rules.min) return undefined;
        const name = choices.pick([...program.rules.keys()]);
        program.rules.delete(name);
        return `remove rule ${name}`;
    },
    changeRuleChannels: ({ program, choices }) => {
        const [name, rule] = choices.pick([...program.rules]);
        rule.channels = choices.some([...program.channels.keys()], choices.int(0, 3));
        return `point rule ${name} at [${rule.channels.join(", ")}]`;
    },
    changeRuleThresholds: ({ program, choices }) => {
        const candidates = [...program.rules].filter(([, rule]) => rule.ruleType !== "issue_opened");
        if (candidates.length === 0) return undefined;
        const [name, rule] = choices.pick(candidates);
        rule.ruleConfig = ruleConfigFor(rule.ruleType, choices);
        rule.cooldownMinutes = choices.pick([5, 15, 30, 60]);
        return `change the thresholds of rule ${name}`;
    },
    toggleRule: ({ program, choices }) => {
        const [name, rule] = choices.pick([...program.rules]);
        rule.enabled = !rule.enabled;
        return `${rule.enabled ? "enable" : "disable"} rule ${name}`;
    },
    changeRuleType: ({ program, choices }) => {
        const [name, rule] = choices.pick([...program.rules]);
        const from = rule.ruleType;
        rule.ruleType = choices.pick(ruleTypes.filter((t) => t !== from));
        rule.ruleConfig = ruleConfigFor(rule.ruleType, choices);
        return `change rule ${name} from ${from} to ${rule.ruleType} (a replacement)`;
    },
};

/** Applies one random edit that fits the program, and says what it was. */
export function applyRandomEdit(context: EditContext): string {
    const names = Object.keys(edits);
    for (;;) {
        const done = edits[context.choices.pick(names)]!(context);
        if (done !== undefined) return done;
    }
}

/** The program a soak starts from: `channelCount` channels of every type and `ruleCount` rules. */
export function seedProgram(program: SoakProgram, choices: Choices, channelCount: number, ruleCount: number): void {
    for (let i = 0; i < channelCount; i++) addChannel(program, channelTypes[i % channelTypes.length]!, choices);
    for (let i = 0; i < ruleCount; i++) addRule(program, choices);
}

function addChannel(program: SoakProgram, type: ChannelSpec["channelType"], choices: Choices): [string, ChannelSpec] {
    const n = program.serial();
    const name = `${type}-${n}`;
    const spec: ChannelSpec = {
        channelType: type,
        name,
        enabled: choices.int(0, 4) > 0,
        config: program.configFor(type, n),
    };
    program.channels.set(name, spec);
    return [name, spec];
}

function addRule(program: SoakProgram, choices: Choices): [string, RuleSpec] {
    const ruleType = choices.pick(ruleTypes);
    const name = `rule-${program.serial()}`;
    const spec: RuleSpec = {
        ruleType,
        name,
        ruleConfig: ruleConfigFor(ruleType, choices),
        channels: choices.some([...program.channels.keys()], choices.int(1, 3)),
        enabled: choices.int(0, 3) > 0,
        cooldownMinutes: choices.pick([5, 15, 30, 60]),
    };
    program.rules.set(name, spec);
    return [name, spec];
}

function ruleConfigFor(type: RuleType, choices: Choices): Record<string, number> {
    switch (type) {
        case "failure_rate":
            return { threshold: choices.int(1, 50) / 100 };
        case "latency":
            return choices.int(0, 1) === 0
                ? { thresholdMs: choices.int(1, 20) * 250 }
                : { thresholdMs: choices.int(1, 20) * 250, percentileTarget: choices.pick([50, 95, 99]) };
        case "volume_drop":
            return { threshold: choices.int(0, 90) };
        case "dlq":
            return { threshold: choices.int(0, 100) };
        case "issue_opened":
            return {};
    }
}
