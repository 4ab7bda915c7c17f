import { parseFaultRule } from "./faults";
import { errorReply, withJson, type ControlRoute } from "./routing";
import { resetState } from "./state";

/**
 * `/_emulator/…`, beside each kind's own (`kind-control-routes.ts`): unauthenticated, so that a separately started
 * emulator (the CLI) can be inspected and driven.
 */
export const controlRoutes: readonly ControlRoute[] = [
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
