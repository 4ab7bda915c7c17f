import { fail, ok, type Outcome } from "../routing";
import { isKnownProject, type EmulatorState } from "../state";
import type { StoredChannel } from "./store";
import { parseCreateBody, parseForcedTestOutcome, parseSeedChannel, parseUpdateBody } from "./validate";
import { mintChannelId } from "./wire";

/** What the API, the control API and the programmatic API do to channels, validated the same way for all three. */

export const channelNotFound = "Notification channel not found";

export function createChannel(state: EmulatorState, project: string, body: unknown): Outcome<StoredChannel> {
    const parsed = parseCreateBody(body);
    if (!parsed.success) return fail(400, parsed.message);
    return ok(state.channels.create(project, mintChannelId(state.shape), parsed.data));
}

/** A channel put in place out of band, as if someone had used the dashboard; it may start disabled. */
export function seedChannel(state: EmulatorState, project: unknown, input: unknown): Outcome<StoredChannel> {
    if (!isKnownProject(state, project)) {
        return fail(400, "Invalid body: 'project' must name the project of a configured API key");
    }
    const parsed = parseSeedChannel(input);
    if (!parsed.success) return fail(400, parsed.message);
    return ok(state.channels.create(project, mintChannelId(state.shape), parsed.data));
}

export function patchChannel(
    state: EmulatorState,
    channel: StoredChannel | undefined,
    body: unknown,
): Outcome<StoredChannel> {
    if (channel === undefined) return fail(404, channelNotFound);
    const patch = parseUpdateBody(body, channel.channel_type);
    if (!patch.success) return fail(400, patch.message);
    return ok(state.channels.update(channel, patch.data));
}

/**
 * Deletes whatever rules say: hookstream documents no refusal and no cascade (hookstream-alert-rules.md §5.2), so a
 * rule may be left pointing at the deleted channel; `DanglingReferenceLog` notes it.
 */
export function removeChannel(state: EmulatorState, channel: StoredChannel | undefined): Outcome<undefined> {
    if (channel === undefined) return fail(404, channelNotFound);
    state.channels.delete(channel.id);
    return ok(undefined);
}

/** `outcome` undefined forgets a forced outcome. */
export function forceTestOutcome(
    state: EmulatorState,
    channel: StoredChannel | undefined,
    outcome: unknown,
): Outcome<undefined> {
    if (channel === undefined) return fail(404, channelNotFound);
    if (outcome === undefined) {
        state.channels.forceTestOutcome(channel.id, undefined);
        return ok(undefined);
    }
    const parsed = parseForcedTestOutcome(outcome, channel.config);
    if (!parsed.success) return fail(400, parsed.message);
    state.channels.forceTestOutcome(channel.id, parsed.data);
    return ok(undefined);
}
