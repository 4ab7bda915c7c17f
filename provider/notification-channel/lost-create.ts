import { asError, isAmbiguous } from "../core/ambiguous";
import { HookstreamError } from "../core/errors";
import type { Transport } from "../core/transport";
import { maskedFieldsOf } from "./channel-types";
import { canonicalConfig } from "./diff";
import { createChannel, listChannels } from "./endpoints";
import type { Channel } from "./response";
import type { ChannelInput } from "./schema";

/**
 * POST once. If the answer is lost (reset, timeout, 5xx, unreadable body), hookstream may still have stored the
 * channel, and POST is not idempotent (docs/hookstream-api.md §1.2): look for it before anyone creates it again.
 */
export async function createOnce(api: Transport, declared: ChannelInput): Promise<Channel> {
    const startedAt = Date.now();
    try {
        return await createChannel(api, {
            name: declared.name,
            channelType: declared.channelType,
            config: declared.config,
        });
    } catch (error) {
        if (!isAmbiguous(error)) throw error;
        const found = await findJustCreated(api, declared, startedAt).catch((lookupError: unknown) => {
            throw new HookstreamError(
                "HOOKSTREAM_API_ERROR",
                `${asError(error).message}; the channel may have been created, and looking for it failed too ` +
                    `(${asError(lookupError).message}). Look for a channel named "${declared.name}" before running again.`,
                { cause: error },
            );
        });
        if (found.length === 1 && found[0]) return found[0];
        if (found.length > 1) {
            throw new HookstreamError(
                "HOOKSTREAM_API_ERROR",
                `${asError(error).message}; ${found.length} channels named "${declared.name}" match what was sent ` +
                    `(${found.map((c) => c.id).join(", ")}). Delete the extra ones or adopt one with \`adopt: "<id>"\`.`,
                { cause: error },
            );
        }
        throw error; // nothing was stored: the next run creates it
    }
}

// Clocks differ between us and hookstream; a channel created this long before our POST is not ours.
const clockSkewMs = 5 * 60_000;

async function findJustCreated(api: Transport, declared: ChannelInput, startedAt: number): Promise<Channel[]> {
    const wanted = comparableConfig(declared.channelType, declared.config);
    const channels = await listChannels(api);
    return channels.filter(
        (channel) =>
            channel.name === declared.name &&
            channel.channelType === declared.channelType &&
            comparableConfig(channel.channelType, channel.config) === wanted &&
            (channel.createdAt === undefined || Date.parse(channel.createdAt) >= startedAt - clockSkewMs),
    );
}

/** Config as compared after a lost create: fields hookstream may mask or omit are left out. */
function comparableConfig(channelType: string, config: Record<string, unknown>): string {
    const masked = new Set(maskedFieldsOf(channelType));
    return canonicalConfig(Object.fromEntries(Object.entries(config).filter(([key]) => !masked.has(key))));
}
