import type { StoredChannel } from "./stored-channel";

/** The body of `POST /v1/notification-channels/{id}/test` (R-NC-TEST, `docs/hookstream-api.md §1.6`). */
export interface TestOutcome {
    success: boolean;
    /** Why the test notification failed; null on success. Never holds the channel's URL or secret. */
    error: string | null;
}

/** The text of a failed delivery to an unreachable host; it names no host, since a Slack or Discord URL is a credential. */
const unreachableHostError = "Delivery failed: the channel's host could not be resolved";

/**
 * The emulator sends nothing, so it decides a test's outcome the way a real send would likely end:
 *
 * - a forced outcome (`Emulator.setTestOutcome`) wins;
 * - a disabled channel fails, whatever its type;
 * - email succeeds, since hookstream sends it through its own provider (GUIDE: Resend; `docs/hookstream-api.md §2`);
 * - a URL whose host is under `.invalid` fails: RFC 2606 reserves that name so it never resolves;
 * - everything else succeeds.
 *
 * A failed send is still HTTP 200 with `success: false` (assumed: `docs/hookstream-api.md §1.6`).
 */
export function chooseTestOutcome(channel: StoredChannel, forced: TestOutcome | undefined): TestOutcome {
    if (forced !== undefined) return { ...forced };
    if (!channel.enabled) return { success: false, error: "Channel is disabled" };
    if (channel.channel_type === "email") return { success: true, error: null };
    const url = channel.config.url;
    if (typeof url === "string" && isUnderInvalid(url)) return { success: false, error: unreachableHostError };
    return { success: true, error: null };
}

function isUnderInvalid(url: string): boolean {
    try {
        const host = new URL(url).hostname.toLowerCase().replace(/\.$/, "");
        return host === "invalid" || host.endsWith(".invalid");
    } catch {
        return false;
    }
}
