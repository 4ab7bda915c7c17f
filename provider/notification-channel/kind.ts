import type { ResourceKind } from "../core/resource-kind";
import { diffChannel, patchChannel } from "./diff";
import {
    createChannel,
    deleteChannel,
    getChannel,
    listChannelPage,
    updateChannel,
    type ChannelPatch,
} from "./endpoints";
import { toInputs, toOutputs, type ChannelOutputs } from "./outputs";
import type { Channel } from "./response";
import { channelArgumentNames } from "./fields";
import { anyTypeInputSchema, channelInputSchema, type ChannelInput } from "./schema";
import { channelTypeTokens } from "./type-token";
import { deliveryCheck } from "./verify";
import { adviseOnWebhookHost } from "./webhook-hosts";

/** The NotificationChannel, described once: core builds its provider, the registry lists it. */
export const notificationChannel: ResourceKind<ChannelInput, ChannelOutputs, Channel, ChannelPatch> = {
    name: "NotificationChannel",
    label: "channel",
    tokens: channelTypeTokens,
    inputRules: {
        schema: channelInputSchema,
        discriminator: { key: "channelType", schemaWithoutIt: anyTypeInputSchema },
        // PATCH cannot change the type (docs/hookstream-api.md §1.4).
        replaceOnChange: ["channelType"],
        argumentNames: channelArgumentNames,
        nestedHint: "for this channel type (see the config shapes in the README)",
        defaults: { enabled: true },
    },
    endpoints: {
        listPage: listChannelPage,
        get: getChannel,
        create: (api, declared, name) =>
            createChannel(api, { name, channelType: declared.channelType, config: declared.config }),
        update: updateChannel,
        delete: deleteChannel,
    },
    toOutputs,
    toInputs,
    diff: diffChannel,
    patch: patchChannel,
    advise: adviseOnWebhookHost,
    deliveryCheck,
};
