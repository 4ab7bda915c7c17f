import { ReadBatcher } from "../core/read-batcher";
import { listChannelPage } from "./endpoints";
import type { Channel } from "./response";

/** Channel reads that arrive together share the list's pages (core/read-batcher.ts). */
export const channelReads = new ReadBatcher<Channel>({
    page: (api, cursor) => listChannelPage(api, { cursor, limit: 100 }),
    idOf: (channel) => channel.id,
    isComplete: (channel) => channel.partial !== true,
});
