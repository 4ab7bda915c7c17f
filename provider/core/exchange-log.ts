import type { ExchangeEvent } from "./transport";

/**
 * The line HOOKSTREAM_DEBUG writes for one HTTP exchange. It goes to the provider's stderr, which the engine prints in
 * the command's output under the stack's Diagnostics (a dynamic provider's stderr is shown, not only logged:
 * pkg/resource/plugin/plugin.go). Every line has the same fields, so a line without a request id says so: hookstream
 * sends one with every error (docs/hookstream-api.md §4.1); a success has one only if hookstream sent an
 * `X-Request-Id` header. The key is named by its documented prefix alone, and no body is ever written.
 */
export function describeExchange(event: ExchangeEvent, key: string): string {
    const outcome = event.status ?? event.error ?? "no answer";
    return (
        `hookstream: ${event.method} ${event.path} -> ${outcome} ${Math.round(event.durationMs)}ms ` +
        `request_id=${event.requestId ?? "-"} key=${key}`
    );
}
