import { defineKind } from "../define-kind";
import { forceTestOutcome } from "./force-test-outcome";
import type { ChannelMethods } from "./methods";
import { ChannelStore } from "./store";
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
    methods: (context): ChannelMethods => ({
        channels: (project) => context.list(project),
        createChannel: (project, input) => context.create("createChannel", project, input),
        updateChannel: (id, patch) => context.update("updateChannel", id, patch),
        deleteChannel: (id) => context.remove("deleteChannel", id),
        setTestOutcome: (channelId, outcome) => {
            const { store } = context;
            context.orThrow(`setTestOutcome(${channelId})`, forceTestOutcome(store, store.get(channelId), outcome));
        },
    }),
});
