import type * as pulumi from "@pulumi/pulumi";
import { checkInputs } from "../core/check";
import { finishingPatch } from "../core/marked-create";
import { configureFromStack, transport } from "../core/connection";
import { PartialCreateError, isNotFound } from "../core/errors";
import { deletedSinceRefresh } from "../core/deleted-since-refresh";
import { confirmGone, type MissingResource } from "../core/project-guard";
import { projectSamplers } from "../project-samplers";
import { adoptChannel } from "./adopt";
import { secretFieldsOf } from "./channel-types";
import { channelInputRules } from "./check-rules";
import { diffChannel } from "./diff";
import { deleteChannel, getChannel, updateChannel, type ChannelPatch } from "./endpoints";
import { asError } from "../core/ambiguous";
import { createOnce } from "./create";
import { toInputs, toOutputs, type ChannelOutputs } from "./outputs";
import type { Channel } from "./response";
import type { ChannelInput } from "./schema";
import { configSchemas } from "./schema";
import { channelReads } from "./reads";
import { verifyDelivery } from "./verify";
import { adviseOnWebhookHost } from "./webhook-hosts";

/**
 * The NotificationChannel provider as the dynamic-provider host runs it. It is loaded from the installed package
 * by the stored shim (shim.ts), so refresh and delete of old resources run this code, not a copy frozen in state.
 */

export const channelProvider: pulumi.dynamic.ResourceProvider<ChannelInput, ChannelOutputs> = {
    configure: (req) => configureFromStack(req.config),

    async check(olds, news) {
        const outcome = checkInputs(
            news as Record<string, unknown>,
            channelInputRules,
            olds as Record<string, unknown>,
        );
        if (!outcome.ok) return { inputs: news, failures: outcome.failures };
        if (outcome.complete) await adviseOnWebhookHost(outcome.inputs);
        return { inputs: outcome.inputs as ChannelInput };
    },

    async diff(_id, olds, news) {
        const { changes, replaces } = diffChannel(olds, news);
        return { changes, replaces, deleteBeforeReplace: false };
    },

    async create(inputs) {
        const api = transport();
        let channel = inputs.adopt ? await adoptChannel(api, inputs.adopt, inputs) : await createOnce(api, inputs);
        // From here on the channel exists: a failure keeps it in state with what is true now, and the next `up`
        // finishes the job as an update.
        try {
            const finish = finishingPatch(channel, inputs);
            if (Object.keys(finish).length > 0) channel = await updateChannel(api, channel.id, finish);
            if (inputs.verify) await verifyDelivery(api, channel.id, inputs);
        } catch (error) {
            // What hookstream holds: a name still marked is drift the next `up` mends.
            const outputs: ChannelOutputs = {
                ...toOutputs(inputs, channel),
                name: channel.name,
                verification: "failed",
            };
            const properties = { ...outputs, __provider: (inputs as { __provider?: unknown }).__provider };
            throw new PartialCreateError(
                channel.id,
                properties,
                asError(error),
                `channel ${channel.id} was created, but finishing it failed`,
            );
        }
        return { id: channel.id, outs: toOutputs(inputs, channel) };
    },

    async read(id, props) {
        const stored = props ?? ({} as Partial<ChannelOutputs>);
        const api = transport();
        let channel: Channel;
        try {
            channel = await channelReads.read(api, id, () => getChannel(api, id));
        } catch (error) {
            await confirmGone(api, error, missing(id, stored), projectSamplers);
            return {};
        }
        const observed = { ...channel, config: mergeObservedConfig(channel, stored.config) };
        const declared = toInputs(observed, stored);
        const outputs = toOutputs(declared, channel);
        if (stored.verification) outputs.verification = stored.verification;
        // The inputs that would produce what hookstream holds, in the outputs shape the host expects for them.
        return { id: channel.id, props: outputs, inputs: toOutputs(declared, undefined) };
    },

    async update(id, olds, news) {
        const patch = patchFor(olds, news);
        const api = transport();
        const needsVerify = news.verify === true && (patch.config !== undefined || olds.verification === "failed");
        // Nothing for hookstream to do (e.g. only `adopt` or the stored shim changed): keep what we know.
        if (Object.keys(patch).length === 0 && !needsVerify)
            return { outs: { ...olds, ...toOutputs(news, undefined) } };
        let channel: Channel | undefined;
        channelReads.forget(api, id);
        if (Object.keys(patch).length > 0) {
            try {
                channel = await updateChannel(api, id, patch);
            } catch (error) {
                if (!isNotFound(error)) throw error;
                await confirmGone(api, error, missing(id, olds), projectSamplers);
                throw deletedSinceRefresh(missing(id, olds), error as Error);
            }
        }
        const outputs = channel ? toOutputs(news, channel) : { ...olds, ...toOutputs(news, undefined) };
        delete outputs.verification;
        if (needsVerify) {
            try {
                await verifyDelivery(api, id, news);
            } catch (error) {
                const properties = {
                    ...outputs,
                    verification: "failed",
                    __provider: (news as { __provider?: unknown }).__provider,
                };
                throw new PartialCreateError(id, properties, asError(error), `channel ${id} was updated, but`);
            }
        }
        return { outs: outputs };
    },

    async delete(id, props) {
        const api = transport();
        channelReads.forget(api, id);
        try {
            await deleteChannel(api, id);
        } catch (error) {
            await confirmGone(api, error, missing(id, props), projectSamplers);
        }
    },
};

function missing(id: string, stored: Partial<ChannelOutputs>): MissingResource {
    return {
        label: `channel${stored.name ? ` "${stored.name}"` : ""} (${id})`,
        storedEnvId: stored.envId,
        urn: stored.__urn,
    };
}

function patchFor(olds: Partial<ChannelOutputs>, news: ChannelInput): ChannelPatch {
    const { changed } = diffChannel(olds, news);
    const patch: ChannelPatch = {};
    if (changed.includes("name")) patch.name = news.name;
    // The whole config: whether hookstream merges or replaces it is undocumented (docs/hookstream-api.md §1.4).
    if (changed.includes("config")) patch.config = news.config;
    if (changed.includes("enabled")) patch.enabled = news.enabled;
    return patch;
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
