import { HookstreamError, isNotFound, type ApiError } from "../core/errors";
import type { Transport } from "../core/transport";
import { canonicalConfig } from "./diff";
import { getChannel, updateChannel, type ChannelPatch } from "./endpoints";
import type { Channel } from "./response";
import type { ChannelInput } from "./schema";

/**
 * Adoption, which the `adopt` argument and the `import` resource option both lead to (pulumi/pulumi#16175: the
 * engine cannot import dynamic resources): take over an existing channel of the key's project instead of creating
 * one, then bring it to the declared state, sending only what differs.
 */
export async function adoptChannel(api: Transport, id: string, declared: ChannelInput): Promise<Channel> {
    let existing: Channel;
    try {
        existing = await getChannel(api, id);
    } catch (error) {
        if (isNotFound(error)) {
            const requestId = (error as ApiError).requestId;
            throw new HookstreamError(
                "HOOKSTREAM_ADOPT_ERROR",
                `cannot adopt channel ${id}: hookstream has no such channel in the project of this API key (404` +
                    (requestId ? `, request id ${requestId}` : "") +
                    "). Check the id with `hookstream-pulumi discover` and that the stack uses that project's key.",
            );
        }
        throw error;
    }
    if (existing.channelType !== declared.channelType) {
        throw new HookstreamError(
            "HOOKSTREAM_ADOPT_ERROR",
            `cannot adopt channel ${id}: it is a ${existing.channelType} channel, but channelType is "${declared.channelType}". ` +
                "The type of a channel cannot be changed; declare the channel's real type.",
        );
    }
    const patch: ChannelPatch = {};
    if (existing.name !== declared.name) patch.name = declared.name;
    // Sent unless hookstream already holds exactly the declared config. When hookstream omits a webhook secret
    // that the program does not declare either, nothing is sent, so adopting never clears a signing secret.
    if (canonicalConfig(existing.config) !== canonicalConfig(declared.config)) patch.config = declared.config;
    if (existing.enabled !== declared.enabled) patch.enabled = declared.enabled;
    return Object.keys(patch).length === 0 ? existing : updateChannel(api, id, patch);
}
