import { fail, ok, type Outcome } from "../routing";
import type { ChannelStore } from "./store";
import type { StoredChannel } from "./stored-channel";
import { parseForcedTestOutcome } from "./validate";

/** Makes a channel's later tests end as `outcome` says; `undefined` forgets a forced outcome. */
export function forceTestOutcome(
    store: ChannelStore,
    channel: StoredChannel | undefined,
    outcome: unknown,
): Outcome<undefined> {
    if (channel === undefined) return fail(404, channelNotFound);
    if (outcome === undefined) {
        store.forceTestOutcome(channel.id, undefined);
        return ok(undefined);
    }
    const parsed = parseForcedTestOutcome(outcome, channel.config);
    if (!parsed.success) return fail(400, parsed.message);
    store.forceTestOutcome(channel.id, parsed.data);
    return ok(undefined);
}

export const channelNotFound = "Notification channel not found";
