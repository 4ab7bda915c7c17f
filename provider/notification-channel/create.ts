import { createMarked } from "../core/marked-create";
import type { Transport } from "../core/transport";
import { createChannel, listChannels } from "./endpoints";
import type { Channel } from "./response";
import type { ChannelInput } from "./schema";

/** POST once under the marked name; a lost answer is resolved by the marker (core/marked-create.ts). */
export function createOnce(api: Transport, declared: ChannelInput): Promise<Channel> {
    return createMarked({
        kind: "channel",
        name: declared.name,
        token: declared.__createToken,
        urn: declared.__urn,
        post: (name) => createChannel(api, { name, channelType: declared.channelType, config: declared.config }),
        list: () => listChannels(api),
    });
}
