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
        orgId: channel?.orgId,
        envId: channel?.envId,
        errorCount: channel?.errorCount,
        lastError: channel?.lastError,
        lastSentAt: channel?.lastSentAt,
        createdAt: channel?.createdAt,
        updatedAt: channel?.updatedAt,
    };
    // The host turns outputs into a protobuf Struct, which rejects undefined (pulumi/pulumi#2205).
    return Object.fromEntries(Object.entries(outputs).filter(([, v]) => v !== undefined)) as ChannelOutputs;
}

/** The inputs that would produce what hookstream holds now, so `refresh` shows drift and the next diff sees it. */
export function toInputs(observed: Channel): ChannelInput {
    return {
        channelType: observed.channelType,
        name: observed.name,
        config: observed.config,
        enabled: observed.enabled,
    } as ChannelInput;
}
