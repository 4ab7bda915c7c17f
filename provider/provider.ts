import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "./check";
import { HookstreamClient, type ChannelPatch, type ExchangeEvent } from "./client";
import { readStackSettings, resolveSettings, type StackSettings } from "./config";
import { diffChannel, canonicalConfig } from "./diff";
import { HookstreamError, PartialCreateError, isHookstreamError, isNotFound, type ApiError } from "./errors";
import { toOutputs, toInputs, type ChannelOutputs } from "./outputs";
import { describeApiKey } from "./redact";
import type { Channel } from "./response";
import { configSchemas, secretConfigKeys, type ChannelInput, type ChannelType } from "./schema";

/**
 * The NotificationChannel provider as the dynamic-provider host runs it. It is loaded from the installed package
 * by the stored shim (shim.ts), so refresh and delete of old resources run this code, not a copy frozen in state.
 */

let stackSettings: StackSettings = {};
let cachedClient: { key: string; client: HookstreamClient } | undefined;

/** Test seam: the engine-independent way to point the provider at a server. */
export function setStackSettings(settings: StackSettings): void {
    stackSettings = settings;
    cachedClient = undefined;
}

function client(): HookstreamClient {
    // Settings are read at call time (a rotated key works for `destroy`), but only validated when what they come
    // from changed: parsing the base URL on every call was measurable (npm run bench).
    const { HOOKSTREAM_API_KEY: envKey, HOOKSTREAM_BASE_URL: envUrl } = process.env;
    const key = `${stackSettings.apiKey}\u0000${stackSettings.baseUrl}\u0000${envKey}\u0000${envUrl}`;
    if (cachedClient?.key !== key) {
        const settings = resolveSettings(stackSettings);
        cachedClient = { key, client: new HookstreamClient({ ...settings, onExchange: debugLogger(settings.apiKey) }) };
    }
    return cachedClient.client;
}

type Props = Record<string, unknown>;

/**
 * With HOOKSTREAM_DEBUG set, one stderr line per HTTP exchange (the engine keeps provider stderr in its logs, e.g.
 * `-v=9 --logtostderr`). A line names the key only by its documented prefix and never carries a body.
 */
function debugLogger(apiKey: string): ((event: ExchangeEvent) => void) | undefined {
    if (!process.env.HOOKSTREAM_DEBUG) return undefined;
    const key = describeApiKey(apiKey);
    return (event) =>
        console.error(
            `hookstream: ${event.method} ${event.path} -> ${event.status ?? event.error} ` +
                `${Math.round(event.durationMs)}ms${event.requestId ? ` ${event.requestId}` : ""} key=${key}`,
        );
}

export const provider: pulumi.dynamic.ResourceProvider<Props, ChannelOutputs> = {
    // No await before the copy: the host caches the provider before `configure` settles, and concurrent first
    // calls would otherwise run unconfigured (pulumi-dynamic-providers.md §1.3).
    configure(req) {
        setStackSettings(readStackSettings(req.config));
        return Promise.resolve();
    },

    async check(_olds, news) {
        const outcome = checkInputs(news);
        if (!outcome.ok) return { inputs: news, failures: outcome.failures };
        return { inputs: outcome.inputs };
    },

    async diff(_id, olds, news) {
        const { changes, replaces } = diffChannel(olds as unknown as Props, news);
        return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
        const declared = inputs as unknown as ChannelInput;
        const api = client();
        const channel = declared.adopt ? await adopt(api, declared.adopt, declared) : await createOnce(api, declared);
        if (channel.enabled !== declared.enabled) {
            try {
                // POST has no `enabled` (hookstream-api.md §1.2): a disabled channel takes a second request.
                const patched = await api.update(channel.id, { enabled: declared.enabled });
                return { id: patched.id, outs: toOutputs(declared, patched) };
            } catch (error) {
                // Keep the channel in state with what is true now; the next `up` retries the PATCH as an update.
                const properties = { ...toOutputs(declared, channel), __provider: inputs.__provider };
                throw new PartialCreateError(channel.id, properties, asError(error));
            }
        }
        return { id: channel.id, outs: toOutputs(declared, channel) };
    },

    async read(id, props) {
        let channel: Channel;
        try {
            channel = await client().get(id);
        } catch (error) {
            if (isNotFound(error)) return {};
            throw error;
        }
        const stored = (props ?? {}) as Partial<ChannelOutputs>;
        const observed = { ...channel, config: mergeObservedConfig(channel, stored.config) };
        const declared = toInputs(observed);
        return { id: channel.id, props: toOutputs(declared, channel), inputs: declared };
    },

    async update(id, olds, news) {
        const declared = news as unknown as ChannelInput;
        const patch = patchFor(olds, declared);
        // Nothing for hookstream to do (e.g. only `adopt` or the stored shim changed): keep what we know.
        if (Object.keys(patch).length === 0) return { outs: { ...olds, ...toOutputs(declared, undefined) } };
        const channel = await client().update(id, patch);
        return { outs: toOutputs(declared, channel) };
    },

    async delete(id) {
        try {
            await client().delete(id);
        } catch (error) {
            if (isNotFound(error)) return; // already gone
            throw error;
        }
    },
};

function patchFor(olds: Partial<ChannelOutputs>, news: ChannelInput): ChannelPatch {
    const { changed } = diffChannel(olds as Props, news as unknown as Props);
    const patch: ChannelPatch = {};
    if (changed.includes("name")) patch.name = news.name;
    // The whole config: whether hookstream merges or replaces it is undocumented (hookstream-api.md §1.4).
    if (changed.includes("config")) patch.config = news.config;
    if (changed.includes("enabled")) patch.enabled = news.enabled;
    return patch;
}

/**
 * POST once. If the answer is lost (reset, timeout, 5xx, unreadable body), hookstream may still have stored the
 * channel, and POST is not idempotent: look for it before anyone creates it again.
 */
async function createOnce(api: HookstreamClient, declared: ChannelInput): Promise<Channel> {
    const startedAt = Date.now();
    try {
        return await api.create({ name: declared.name, channelType: declared.channelType, config: declared.config });
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

function isAmbiguous(error: unknown): boolean {
    if (isHookstreamError(error, "HOOKSTREAM_NETWORK_ERROR") || isHookstreamError(error, "HOOKSTREAM_TIMEOUT")) {
        return true;
    }
    if (isHookstreamError(error, "HOOKSTREAM_BAD_RESPONSE")) return true;
    return isHookstreamError(error, "HOOKSTREAM_API_ERROR") && (error as ApiError).status >= 500;
}

// Clocks differ between us and hookstream; a channel created this long before our POST is not ours.
const clockSkewMs = 5 * 60_000;

async function findJustCreated(api: HookstreamClient, declared: ChannelInput, startedAt: number): Promise<Channel[]> {
    const wanted = comparableConfig(declared.config);
    const channels = await api.listAll();
    return channels.filter(
        (channel) =>
            channel.name === declared.name &&
            channel.channelType === declared.channelType &&
            comparableConfig(channel.config) === wanted &&
            (channel.createdAt === undefined || Date.parse(channel.createdAt) >= startedAt - clockSkewMs),
    );
}

/** Config as compared after a lost create: a webhook `secret` is left out, as hookstream may mask or omit it. */
function comparableConfig(config: Record<string, unknown>): string {
    const { secret: _secret, ...visible } = config;
    return canonicalConfig(visible);
}

/**
 * Adoption (pulumi/pulumi#16175: dynamic resources cannot be imported): take over an existing channel of the key's
 * project instead of creating one, then bring it to the declared state.
 */
async function adopt(api: HookstreamClient, id: string, declared: ChannelInput): Promise<Channel> {
    let existing: Channel;
    try {
        existing = await api.get(id);
    } catch (error) {
        if (isNotFound(error)) {
            throw new HookstreamError(
                "HOOKSTREAM_ADOPT_ERROR",
                `cannot adopt channel ${id}: hookstream has no such channel in the project of this API key (404` +
                    ((error as ApiError).requestId ? `, request id ${(error as ApiError).requestId}` : "") +
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
    return Object.keys(patch).length === 0 ? existing : api.update(id, patch);
}

/**
 * The config as hookstream reports it, limited to the keys the schema knows (so a field hookstream adds can never
 * cause a diff), with secrets as the user declared them: they are never compared with what the API returns.
 */
function mergeObservedConfig(channel: Channel, stored: unknown): Record<string, unknown> {
    const storedConfig = (typeof stored === "object" && stored !== null ? stored : {}) as Record<string, unknown>;
    const type = channel.channelType as ChannelType;
    const schema = configSchemas[type];
    const keys = schema ? Object.keys(schema.shape) : Object.keys(channel.config);
    const secrets = new Set(secretConfigKeys[type] ?? []);
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
        const value = secrets.has(key) ? storedConfig[key] : (channel.config[key] ?? storedConfig[key]);
        if (value !== undefined && value !== null) merged[key] = value;
    }
    return merged;
}

function asError(error: unknown): Error {
    return error instanceof Error ? error : new Error(String(error));
}
