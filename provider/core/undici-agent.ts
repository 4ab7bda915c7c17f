import type { Agent as AgentClass } from "undici";

/**
 * undici's `Agent` with its request API, without the rest of undici: `require("undici")` also loads fetch, WebSocket,
 * EventSource, caches and mocks, which cost every provider host about 13 MiB of memory and 45 ms of its start
 * (docs/performance.md). These are the modules undici's own index loads for them, joined as the index joins them
 * (the request API mixed into `Dispatcher`); where undici's layout differs, the whole package is loaded instead.
 */
export function loadAgent(): typeof AgentClass {
    try {
        const Agent = require("undici/lib/dispatcher/agent") as typeof AgentClass;
        const Dispatcher = require("undici/lib/dispatcher/dispatcher") as { prototype: object };
        Object.assign(Dispatcher.prototype, require("undici/lib/api"));
        if (typeof Agent.prototype.request === "function") return Agent;
    } catch {
        // Another layout: the public entry point has everything.
    }
    return (require("undici") as typeof import("undici")).Agent;
}
