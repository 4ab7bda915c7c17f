import type { StoredAlertRule } from "./alert-rules/store";
import type { ChannelStore } from "./channels/store";

/** A moment at which a stored alert rule listed a channel id that no longer exists in its project. */
export interface DanglingReference {
    /**
     * The index in `Emulator.requests` of the mutating API request after which the reference was seen; absent when
     * an out-of-band change (`deleteChannel`, `patchAlertRule`, …) preceded the check. Indexes count from the last
     * `resetRequests`.
     */
    requestIndex?: number;
    /** What had just happened: `DELETE /v1/notification-channels/<id>`, or the out-of-band method's name. */
    after: string;
    ruleId: string;
    channelId: string;
    project: string;
}

/**
 * Evidence of ordering for tests. hookstream documents neither a refusal nor a cascade when a referenced channel is
 * deleted (hookstream-alert-rules.md §5.2), so the emulator lets the delete through, as the real API most likely does,
 * and notes every moment a rule is left pointing at a missing channel. A deployment engine that orders its deletes
 * correctly leaves this log empty.
 */
export class DanglingReferenceLog {
    #found: DanglingReference[] = [];

    /** Called after every mutating request or out-of-band change. */
    check(rules: readonly StoredAlertRule[], channels: ChannelStore, moment: { requestIndex?: number; after: string }) {
        for (const rule of rules) {
            for (const channelId of rule.channel_ids) {
                if (channels.find(rule.project, channelId) !== undefined) continue;
                this.#found.push({ ...moment, ruleId: rule.id, channelId, project: rule.project });
            }
        }
    }

    all(): DanglingReference[] {
        return this.#found.map((reference) => ({ ...reference }));
    }

    clear(): void {
        this.#found = [];
    }
}
