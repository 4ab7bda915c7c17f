/**
 * What the soak's Pulumi program declares, as a model the test owns: channels and alert rules by resource name, and
 * the secret stack config they read. The model is both what is written into stack config and what the emulator must
 * hold after a clean `up`, so the invariants compare against it, never against what the provider reported.
 */

export const channelTypes = ["webhook", "slack", "discord", "email"] as const;
export type ChannelType = (typeof channelTypes)[number];
export const ruleTypes = ["failure_rate", "latency", "volume_drop", "dlq", "issue_opened"] as const;
export type RuleType = (typeof ruleTypes)[number];

export interface ChannelSpec {
    channelType: ChannelType;
    name: string;
    enabled: boolean;
    /** Credential fields hold "$secret:<key>", a key of `secrets`. */
    config: Record<string, unknown>;
    adopt?: string;
}

export interface RuleSpec {
    ruleType: RuleType;
    name: string;
    /** camelCase, as the program declares it. */
    ruleConfig: Record<string, number>;
    /** Channel resource names. */
    channels: string[];
    enabled: boolean;
    cooldownMinutes: number;
}

/** The fields of a channel the emulator must hold, credentials resolved. */
export interface ExpectedChannel {
    name: string;
    channel_type: ChannelType;
    config: Record<string, unknown>;
    enabled: boolean;
}

/** The fields of a rule the emulator must hold; `channel_ids` in no particular order. */
export interface ExpectedRule {
    name: string;
    rule_type: RuleType;
    rule_config: Record<string, unknown>;
    channel_ids: string[];
    enabled: boolean;
    cooldown_minutes: number;
}

export class SoakProgram {
    readonly channels = new Map<string, ChannelSpec>();
    readonly rules = new Map<string, RuleSpec>();
    /** Secret stack config: key → current value. */
    readonly secrets = new Map<string, string>();
    /**
     * The distinct part of every secret ever declared, rotated ones included, labelled by config key and version:
     * none may ever show up in the clear.
     */
    readonly secretTokens = new Map<string, string>();
    #serial = 0;
    readonly #versions = new Map<string, number>();

    /** `tag` makes every secret of this soak distinct from any other text, so a leak cannot be a coincidence. */
    constructor(private readonly tag: string) {}

    /** A fresh number for names and secrets. */
    serial(): number {
        return ++this.#serial;
    }

    /** The config of a new channel of `type`, creating its secrets; `n` keeps its URL and secrets unique. */
    configFor(type: ChannelType, n: number): Record<string, unknown> {
        switch (type) {
            case "webhook":
                return { url: `https://hooks-${n}.example.com/in`, secret: this.newSecret(`whsec-${n}`) };
            case "slack":
                return { url: this.newSecret(`slack-${n}`) };
            case "discord":
                return { url: this.newSecret(`discord-${n}`) };
            case "email":
                return { recipients: [`team-${n}@example.com`] };
        }
    }

    /** Gives the secret config key a new value of the same form; the key itself stays. */
    rotate(key: string): void {
        const token = `${this.tag}x${this.serial()}`;
        this.secrets.set(key, secretValue(key.replace(/-\d+$/, ""), token));
        const version = (this.#versions.get(key) ?? 0) + 1;
        this.#versions.set(key, version);
        this.secretTokens.set(`secret ${key} (version ${version})`, token);
    }

    /** The secret config keys a channel reads. */
    secretKeysOf(spec: ChannelSpec): string[] {
        return Object.values(spec.config)
            .filter((value): value is string => typeof value === "string" && value.startsWith("$secret:"))
            .map((value) => value.slice("$secret:".length));
    }

    /** Stack config values for the program (`channels`, `rules`) as JSON. */
    stackConfig(): { channels: string; rules: string } {
        return {
            channels: JSON.stringify(Object.fromEntries(this.channels)),
            rules: JSON.stringify(Object.fromEntries(this.rules)),
        };
    }

    expectedChannel(resourceName: string): ExpectedChannel {
        const spec = this.channels.get(resourceName)!;
        return {
            name: spec.name,
            channel_type: spec.channelType,
            config: this.resolve(spec.config),
            enabled: spec.enabled,
        };
    }

    /** `channelIds` maps channel resource names to the ids in state. */
    expectedRule(resourceName: string, channelIds: ReadonlyMap<string, string>): ExpectedRule {
        const spec = this.rules.get(resourceName)!;
        return {
            name: spec.name,
            rule_type: spec.ruleType,
            rule_config: Object.fromEntries(
                Object.entries(spec.ruleConfig).map(([key, value]) => [snakeCase(key), value]),
            ),
            channel_ids: spec.channels.map((name) => channelIds.get(name) ?? `<no id for ${name}>`),
            enabled: spec.enabled,
            cooldown_minutes: spec.cooldownMinutes,
        };
    }

    resolve(config: Record<string, unknown>): Record<string, unknown> {
        return Object.fromEntries(
            Object.entries(config).map(([key, value]) => [
                key,
                typeof value === "string" && value.startsWith("$secret:")
                    ? this.secrets.get(value.slice("$secret:".length))
                    : value,
            ]),
        );
    }

    private newSecret(key: string): string {
        this.rotate(key);
        return `$secret:${key}`;
    }
}

/** A secret of each form users have; `token` is the part that must never leak. */
function secretValue(kind: string, token: string): string {
    switch (kind) {
        case "slack":
            return `https://hooks.slack.com/services/T0SOAK/B0SOAK/${token}`;
        case "discord":
            return `https://discord.com/api/webhooks/4242/${token}`;
        default:
            return `whsec_${token}`;
    }
}

function snakeCase(key: string): string {
    return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
