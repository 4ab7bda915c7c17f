import type { Channel } from "./response";
import type { ChannelInput } from "./schema";

/**
 * What a NotificationChannel stores as outputs: the checked inputs echoed unchanged (so the engine keeps secret
 * inputs secret under the same keys, and `diff` compares inputs with inputs) plus what hookstream computes.
 */
export interface ChannelOutputs {
    channelType: string;
    name: string;
    config: Record<string, unknown>;
    enabled: boolean;
    orgId?: string;
    envId?: string;
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
    if (channel === undefined) return outputs;
    // The host turns outputs into a protobuf Struct, which rejects undefined (pulumi/pulumi#2205).
    for (const key of computedKeys) {
        const value = channel[key];
        if (value !== undefined) (outputs as unknown as Record<string, unknown>)[key] = value;
    }
    return outputs;
}

/** What hookstream computes and the outputs carry through unchanged. */
const computedKeys = [
    "orgId",
    "envId",
    "errorCount",
    "lastError",
    "lastSentAt",
    "createdAt",
    "updatedAt",
] as const satisfies readonly (keyof ChannelOutputs & keyof Channel)[];

/** The inputs that would produce what hookstream holds now, so `refresh` shows drift and the next diff sees it. */
export function toInputs(observed: Channel): ChannelInput {
    return {
        channelType: observed.channelType,
        name: observed.name,
        config: observed.config,
        enabled: observed.enabled,
    } as ChannelInput;
}
