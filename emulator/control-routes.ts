import { patchAlertRule, removeAlertRule, seedAlertRule } from "./alert-rules/operations";
import { forceTestOutcome, patchChannel, removeChannel, seedChannel } from "./channels/operations";
import { parseFaultRule } from "./faults";
import { errorReply, isObject, jsonOf, toReply, type ControlCall, type ControlRoute, type Reply } from "./routing";
import { resetState } from "./state";

/**
 * `/_emulator/…`: unauthenticated, so that a separately started emulator (the CLI) can be inspected and driven.
 * Stored resources are listed in canonical form (objects, arrays, booleans, ISO timestamps), as the programmatic API
 * returns them.
 */
export const controlRoutes: readonly ControlRoute[] = [
    {
        pattern: /^\/_emulator\/channels$/,
        methods: {
            GET: ({ state, query }) => ({
                status: 200,
                body: { channels: state.channels.all(query.get("project") ?? undefined) },
            }),
            POST: withJson(({ state }, json) => {
                const { project, ...input } = isObject(json) ? json : {};
                return toReply(seedChannel(state, project, input), 201, (channel) => ({ channel }));
            }),
        },
    },
    {
        pattern: /^\/_emulator\/channels\/([^/]+)$/,
        methods: {
            PATCH: withJson(({ state, id }, json) =>
                toReply(patchChannel(state, state.channels.get(id), json), 200, (channel) => ({ channel })),
            ),
            DELETE: ({ state, id }) => toReply(removeChannel(state, state.channels.get(id)), 204),
        },
    },
    {
        pattern: /^\/_emulator\/channels\/([^/]+)\/test-outcome$/,
        methods: {
            PUT: withJson(({ state, id }, json) =>
                toReply(forceTestOutcome(state, state.channels.get(id), json ?? null), 204),
            ),
            DELETE: ({ state, id }) => toReply(forceTestOutcome(state, state.channels.get(id), undefined), 204),
        },
    },
    {
        pattern: /^\/_emulator\/alert-rules$/,
        methods: {
            GET: ({ state, query }) => ({
                status: 200,
                body: { alert_rules: state.alertRules.all(query.get("project") ?? undefined) },
            }),
            POST: withJson(({ state }, json) => {
                const { project, ...input } = isObject(json) ? json : {};
                return toReply(seedAlertRule(state, project, input), 201, (rule) => ({ alert_rule: rule }));
            }),
        },
    },
    {
        pattern: /^\/_emulator\/alert-rules\/([^/]+)$/,
        methods: {
            PATCH: withJson(({ state, id }, json) =>
                toReply(patchAlertRule(state, state.alertRules.get(id), json), 200, (rule) => ({ alert_rule: rule })),
            ),
            DELETE: ({ state, id }) => toReply(removeAlertRule(state, state.alertRules.get(id)), 204),
        },
    },
    {
        pattern: /^\/_emulator\/dangling-references$/,
        methods: {
            GET: ({ state }) => ({ status: 200, body: { dangling_references: state.danglingReferences.all() } }),
        },
    },
    { pattern: /^\/_emulator\/requests$/, methods: { GET: ({ state }) => ({ status: 200, body: state.requests }) } },
    {
        pattern: /^\/_emulator\/faults$/,
        methods: {
            POST: withJson(({ state }, json) => {
                const rule = parseFaultRule(json);
                if (!rule.success) return errorReply(400, rule.message);
                state.faults.add(rule.data);
                return { status: 204 };
            }),
            DELETE: ({ state }) => {
                state.faults.clear();
                return { status: 204 };
            },
        },
    },
    {
        pattern: /^\/_emulator\/reset$/,
        methods: {
            POST: ({ state }) => {
                resetState(state);
                return { status: 204 };
            },
        },
    },
];

function withJson(handler: (call: ControlCall, json: unknown) => Reply): (call: ControlCall) => Reply {
    return (call) => {
        const json = jsonOf(call.body);
        return json.success ? handler(call, json.data) : errorReply(400, json.message);
    };
}
