import { listEveryPage, pageQuery, type Page } from "../core/pagination";
import { stringsIn } from "../core/redact";
import type { Transport } from "../core/transport";
import { toArgumentTerms } from "../core/wire-paths";
import { channelPageResponse, channelResponse, type Channel } from "./response";
import { channelWirePaths } from "./wire-paths";

/**
 * hookstream's notification-channel endpoints (docs/hookstream-api.md §1), one function each. A config's values are
 * credentials (a webhook secret, a Slack or Discord URL): every request that sends one names them as sensitive, so no
 * error message built from hookstream's answer can carry them.
 */

export interface NewChannel {
    name: string;
    channelType: string;
    config: Record<string, unknown>;
}

export interface ChannelPatch {
    name?: string;
    config?: Record<string, unknown>;
    enabled?: boolean;
}

export interface TestResult {
    success: boolean;
    error: string | null;
}

const collection = "/notification-channels";
const item = (id: string) => `${collection}/${encodeURIComponent(id)}`;

export function listChannelPage(
    api: Transport,
    options: { cursor?: string; limit?: number } = {},
): Promise<Page<Channel>> {
    return api.send("GET", collection + pageQuery(options), undefined, channelPageResponse);
}

/** Every channel of the key's project. */
export function listChannels(api: Transport, onPage?: (count: number) => void): Promise<Channel[]> {
    return listEveryPage((cursor) => listChannelPage(api, { cursor, limit: 100 }), onPage);
}

export function createChannel(api: Transport, channel: NewChannel): Promise<Channel> {
    const body = { name: channel.name, channel_type: channel.channelType, config: channel.config };
    return api
        .send("POST", collection, body, channelResponse, { sensitive: stringsIn(channel.config) })
        .catch(inArgumentTermsOf(body));
}

export function getChannel(api: Transport, id: string): Promise<Channel> {
    return api.send("GET", item(id), undefined, channelResponse);
}

export function updateChannel(api: Transport, id: string, patch: ChannelPatch): Promise<Channel> {
    return api
        .send("PATCH", item(id), patch, channelResponse, { sensitive: stringsIn(patch.config) })
        .catch(inArgumentTermsOf(patch));
}

export async function deleteChannel(api: Transport, id: string): Promise<void> {
    await api.send("DELETE", item(id), undefined, undefined);
}

/** Asks hookstream to send a test notification through the channel (docs/hookstream-api.md §1.6). */
export async function testChannel(api: Transport, id: string): Promise<TestResult> {
    const body = await api.send("POST", `${item(id)}/test`, undefined, undefined);
    const result = (body ?? {}) as { success?: unknown; error?: unknown };
    return { success: result.success === true, error: typeof result.error === "string" ? result.error : null };
}

/** A 400 naming wire fields (`'channel_type'`), told again in the program's terms (wire-paths.ts). */
function inArgumentTermsOf(body: unknown): (error: unknown) => never {
    return (error) => {
        throw toArgumentTerms(error, channelWirePaths, body);
    };
}

/** The endpoints bound to one transport, for callers that hold a transport (the CLI, tests). */
export function channelClient(api: Transport) {
    return {
        list: (options?: { cursor?: string; limit?: number }) => listChannelPage(api, options),
        listAll: (onPage?: (count: number) => void) => listChannels(api, onPage),
        create: (channel: NewChannel) => createChannel(api, channel),
        get: (id: string) => getChannel(api, id),
        update: (id: string, patch: ChannelPatch) => updateChannel(api, id, patch),
        delete: (id: string) => deleteChannel(api, id),
        test: (id: string) => testChannel(api, id),
    };
}
