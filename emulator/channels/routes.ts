import { parseLimit } from "../parse";
import { errorReply, jsonOf, toReply, type ApiCall, type ApiRoute, type Reply } from "../routing";
import { channelNotFound, createChannel, patchChannel, removeChannel } from "./operations";
import { renderChannelPage, renderChannelResponse } from "./wire";

/** `/v1/notification-channels` (hookstream-api.md §1). */
export const channelRoutes: readonly ApiRoute[] = [
    { pattern: /^\/v1\/notification-channels$/, methods: { GET: list, POST: create } },
    {
        pattern: /^\/v1\/notification-channels\/([^/]+)$/,
        methods: { GET: retrieve, PATCH: update, DELETE: remove },
    },
    { pattern: /^\/v1\/notification-channels\/([^/]+)\/test$/, methods: { POST: test } },
];

function list({ state, project, query }: ApiCall): Reply {
    const limit = parseLimit(query.get("limit"), state.pageSizeDefault);
    if (!limit.success) return errorReply(400, limit.message);
    const page = state.channels.page(project, limit.data, query.get("cursor") || undefined);
    if (page === undefined) return errorReply(400, "Invalid query: 'cursor' is not a cursor this server issued");
    return { status: 200, body: renderChannelPage(page.items, page.cursor, state.shape) };
}

function create({ state, project, body }: ApiCall): Reply {
    const json = jsonOf(body);
    if (!json.success) return errorReply(400, json.message);
    return toReply(createChannel(state, project, json.data), 201, (channel) =>
        renderChannelResponse(channel, state.shape),
    );
}

function retrieve({ state, project, id }: ApiCall): Reply {
    const channel = state.channels.find(project, id);
    if (channel === undefined) return errorReply(404, channelNotFound);
    return { status: 200, body: renderChannelResponse(channel, state.shape) };
}

function update({ state, project, id, body }: ApiCall): Reply {
    const json = jsonOf(body);
    if (!json.success) return errorReply(400, json.message);
    const outcome = patchChannel(state, state.channels.find(project, id), json.data);
    return toReply(outcome, 200, (channel) => renderChannelResponse(channel, state.shape));
}

function remove({ state, project, id }: ApiCall): Reply {
    return toReply(removeChannel(state, state.channels.find(project, id)), 200, () => ({ success: true }));
}

/** R-NC-TEST: 200 `{success, error}` whether or not the send worked (`test-outcome.ts`). */
function test({ state, project, id }: ApiCall): Reply {
    const channel = state.channels.find(project, id);
    if (channel === undefined) return errorReply(404, channelNotFound);
    return { status: 200, body: state.channels.test(channel) };
}
