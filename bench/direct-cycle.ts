import { randomBytes } from "node:crypto";
import { request, type Agent } from "undici";
import type { ChannelArgs } from "./channel-set";
import { phaseTimer, type PhaseEnded, type PhaseTimes } from "./phase-timer";
import { inPool } from "../provider/core/in-pool";

/**
 * The provider-overhead baseline: per operation, the requests the provider sends for it, sent with undici alone (no
 * validation, no retry interceptor, no mapping of the answer beyond JSON.parse). request-counts.ts checks that they
 * are the same requests, kind for kind.
 *
 * - create: as an `up` of the dynamic host makes it (host-create.ts): the list of channels, walked once for every
 *   create of the phase as a host process walks it once (provider/core/leftovers.ts), a POST under the name with a
 *   create marker after it (provider/core/marked-create.ts), then the CreateFinish step's PATCH of the declared name,
 *   with `enabled: false` for a channel declared disabled (provider/create-finish/provider.ts);
 * - read: what the read batcher sends for reads that arrive together (provider/core/read-batcher.ts): the first read
 *   its own GET, the others answered from the list's pages, read one at a time while a read waits for an item not
 *   seen yet, and a GET for an item the pages did not hold;
 * - update: one PATCH (a rename); delete: one DELETE.
 */

type Props = Record<string, unknown>;
type Method = "GET" | "POST" | "PATCH" | "DELETE";

const pageSize = 100;

export interface DirectTarget {
    agent: Agent;
    /** The API base URL, including `/v1`. */
    baseUrl: string;
    apiKey: string;
}

export async function directCycle(
    target: DirectTarget,
    channels: ChannelArgs[],
    concurrency: number,
    ended: PhaseEnded,
): Promise<PhaseTimes> {
    const headers = {
        "x-api-key": target.apiKey,
        "user-agent": "pulumi-hookstream-bench",
        accept: "application/json",
        "content-type": "application/json",
    };
    const send = async (method: Method, path: string, body?: unknown): Promise<Props> => {
        const response = await request(`${target.baseUrl}${path}`, {
            dispatcher: target.agent,
            method,
            headers,
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const json = (await response.body.json()) as Props;
        if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode}`);
        return json;
    };
    const { timed, result } = phaseTimer(ended);
    const ids = new Map<ChannelArgs, string>();
    const itemPath = (channel: ChannelArgs) => `/notification-channels/${encodeURIComponent(ids.get(channel)!)}`;

    const listPage = (cursor: string | undefined) =>
        send("GET", `/notification-channels?limit=${pageSize}${cursor === undefined ? "" : `&cursor=${cursor}`}`);
    let listed: Promise<Props[]> | undefined;
    await timed("create", () =>
        inPool(channels, concurrency, async (channel) => {
            // Where the provider's creates look for leftovers, which a cycle on an emptied emulator never finds.
            await (listed ??= listWalk(listPage).all());
            const marked = `${channel.name} [creating ${randomBytes(8).toString("hex")}]`;
            const body = { name: marked, channel_type: channel.channelType, config: channel.config };
            const made = await send("POST", "/notification-channels", body);
            ids.set(channel, String(((made.channel ?? made) as Props).id));
            const disabled = channel.enabled === false ? { enabled: false } : {};
            await send("PATCH", itemPath(channel), { name: channel.name, ...disabled });
        }),
    );
    const pages = listWalk(listPage);
    let first = true;
    await timed("read", () =>
        inPool(channels, concurrency, async (channel) => {
            const lone = first;
            first = false;
            const found = lone ? undefined : await pages.find(ids.get(channel)!);
            if (found === undefined) await send("GET", itemPath(channel));
        }),
    );
    await timed("update", () =>
        inPool(channels, concurrency, async (channel) => {
            await send("PATCH", itemPath(channel), { name: `${channel.name}-renamed` });
        }),
    );
    await timed("delete", () =>
        inPool(channels, concurrency, async (channel) => {
            await send("DELETE", itemPath(channel));
        }),
    );
    return result();
}

/** The list's pages, read one at a time, and only while someone waits for an item not seen yet. */
function listWalk(fetchPage: (cursor: string | undefined) => Promise<Props>) {
    const found = new Map<string, Props>();
    let cursor: string | undefined;
    let finished = false;
    let fetching: Promise<void> | undefined;
    const next = async () => {
        const page = await fetchPage(cursor);
        for (const item of (page.channels ?? []) as Props[]) found.set(String(item.id), item);
        const nextCursor = (page.cursor ?? page.next_cursor) as string | undefined;
        cursor = page.has_more === true && nextCursor ? nextCursor : undefined;
        finished = cursor === undefined;
    };
    return {
        async find(id: string): Promise<Props | undefined> {
            while (!found.has(id) && !finished) {
                fetching ??= next().finally(() => (fetching = undefined));
                await fetching;
            }
            return found.get(id);
        },
        /** Every item, once every page has been read. */
        async all(): Promise<Props[]> {
            while (!finished) {
                fetching ??= next().finally(() => (fetching = undefined));
                await fetching;
            }
            return [...found.values()];
        },
    };
}
