import { defineKind } from "../define-kind";
import { ChannelStore } from "./store";
import { createChannelMethods } from "./methods";
import { testOutcomeRoutes, testRoutes } from "./test-routes";
import { parseCreateBody, parseSeedChannel, parseUpdateBody } from "./validate";
import { renderChannel, renderChannelResponse } from "./wire";

/** Notification channels: `/v1/notification-channels` (`docs/hookstream-api.md §1`), with `/test`. */
export const channelsKind = defineKind({
    name: "channels",
    noun: "notification channel",
    path: "notification-channels",
    idPrefix: "nc",
    createStore: (organization) => new ChannelStore(organization),
    validate: {
        create: parseCreateBody,
        seed: parseSeedChannel,
        update: (body, channel) => parseUpdateBody(body, channel.channel_type),
    },
    wire: { listKey: "channels", itemKey: "channel", render: renderChannel, renderResponse: renderChannelResponse },
    apiRoutes: testRoutes,
    controlRoutes: testOutcomeRoutes,
    methods: createChannelMethods,
});
