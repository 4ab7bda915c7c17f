import type { StoredBase } from "../core/resource-kind";
import { secretFieldsOf } from "./channel-types";
import { channelComputedOutputs } from "./fields";
import type { Channel } from "./response";
import { configSchemas, type ChannelInput } from "./schema";

/**
 * What a NotificationChannel stores as outputs: the checked inputs echoed unchanged (so the engine keeps secret
 * inputs secret under the same keys, and `diff` compares inputs with inputs) plus what hookstream computes.
 */
export interface ChannelOutputs extends StoredBase {
    channelType: string;
    config: Record<string, unknown>;
    verify?: boolean;
    orgId?: string;
    errorCount?: number;
    lastError?: string;
    lastSentAt?: string;
    createdAt?: string;
    updatedAt?: string;
}

/** `channel` is what hookstream answered; undefined when no request was needed. Never contains undefined values. */
export function toOutputs(declared: ChannelInput, channel: Channel | undefined): ChannelOutputs {
    const outputs: ChannelOutputs = {
        channelType: declared.channelType,
        name: declared.name,
        config: declared.config,
        enabled: channel?.enabled ?? declared.enabled,
    };
    if (declared.verify !== undefined) outputs.verify = declared.verify;
    if (declared.__urn !== undefined) outputs.__urn = declared.__urn;
    if (declared.__createToken !== undefined) outputs.__createToken = declared.__createToken;
    if (channel === undefined) return outputs;
    // The host turns outputs into a protobuf Struct, which rejects undefined (pulumi/pulumi#2205).
    for (const key of computedKeys) {
        const value = channel[key];
        if (value !== undefined) (outputs as unknown as Record<string, unknown>)[key] = value;
    }
    return outputs;
}

/** What hookstream computes and the outputs carry through unchanged. */
const computedKeys = channelComputedOutputs satisfies readonly (keyof ChannelOutputs & keyof Channel)[];

/** The inputs that would produce what hookstream holds now, so `refresh` shows drift and the next diff sees it. */
export function toInputs(observed: Channel, stored: Partial<ChannelOutputs>): ChannelInput {
    // What hookstream holds is taken as it is, even a type or config this version does not know: the next diff
    // compares it with the declared inputs, which `check` validated.
    const inputs = {
        channelType: observed.channelType,
        name: observed.name,
        config: mergeObservedConfig(observed, stored.config),
        enabled: observed.enabled,
    } as unknown as ChannelInput;
    if (stored.verify !== undefined) inputs.verify = stored.verify;
    if (stored.__urn !== undefined) inputs.__urn = stored.__urn;
    if (stored.__createToken !== undefined) inputs.__createToken = stored.__createToken;
    return inputs;
}

/**
 * The config as hookstream reports it, limited to the keys the schema knows (so a field hookstream adds can never
 * cause a diff), with secrets as the user declared them: they are never compared with what the API returns.
 */
function mergeObservedConfig(channel: Channel, stored: unknown): Record<string, unknown> {
    const storedConfig = (typeof stored === "object" && stored !== null ? stored : {}) as Record<string, unknown>;
    const schema = (configSchemas as Record<string, { shape: object } | undefined>)[channel.channelType];
    const keys = schema ? Object.keys(schema.shape) : Object.keys(channel.config);
    const secrets = new Set(secretFieldsOf(channel.channelType));
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
        const value = secrets.has(key) ? storedConfig[key] : (channel.config[key] ?? storedConfig[key]);
        if (value !== undefined && value !== null) merged[key] = value;
    }
    return merged;
}
