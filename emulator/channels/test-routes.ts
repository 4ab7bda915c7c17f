import type { KindRoute } from "../kind-spec";
import { errorReply, toReply, withJson, type ApiCall, type ControlCall } from "../routing";
import { channelNotFound, forceTestOutcome } from "./force-test-outcome";
import type { ChannelStore } from "./store";

/** R-NC-TEST: `POST …/{id}/test` answers 200 `{success, error}` whether or not the send worked (`test-outcome.ts`). */
export const testRoutes: ReadonlyArray<KindRoute<ApiCall & { store: ChannelStore }>> = [
    {
        path: ":id/test",
        methods: {
            POST: ({ store, project, id }) => {
                const channel = store.find(project, id);
                if (channel === undefined) return errorReply(404, channelNotFound);
                return { status: 200, body: store.test(channel) };
            },
        },
    },
];

/** `/_emulator/channels/{id}/test-outcome`: PUT forces what later tests answer, DELETE goes back to the default. */
export const testOutcomeRoutes: ReadonlyArray<KindRoute<ControlCall & { store: ChannelStore }>> = [
    {
        path: ":id/test-outcome",
        methods: {
            PUT: withJson(({ store, id }, json) => toReply(forceTestOutcome(store, store.get(id), json ?? null), 204)),
            DELETE: ({ store, id }) => toReply(forceTestOutcome(store, store.get(id), undefined), 204),
        },
    },
];
