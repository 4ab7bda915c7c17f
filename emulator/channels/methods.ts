import type { StoredChannel } from "./stored-channel";

/** What `Emulator` offers for notification channels, out of band (`kind.ts` implements it). */
export interface ChannelMethods {
    /** Copies of the stored channels, oldest first: `config` as an object, `enabled` a boolean, ISO timestamps. */
    channels(project?: string): StoredChannel[];
    /** Adds a channel as if made in hookstream's dashboard. Throws when the input would be refused by the API. */
    createChannel(
        project: string,
        input: { name: string; channel_type: string; config: Record<string, unknown>; enabled?: boolean },
    ): StoredChannel;
    /** Changes a channel out of band; `config` is replaced whole. Throws for an unknown id or invalid values. */
    updateChannel(id: string, patch: Partial<Pick<StoredChannel, "name" | "config" | "enabled">>): StoredChannel;
    /** Deletes a channel out of band, whatever rules reference it. Throws for an unknown id. */
    deleteChannel(id: string): void;
    /**
     * Makes every later `POST …/test` of the channel answer this outcome, until it is set again, the channel is
     * deleted or the emulator reset; `undefined` goes back to the default (a host under `.invalid` or a disabled
     * channel fails, anything else succeeds). A failure without `error` gets a generic message. Throws for an unknown
     * id, or an `error` that holds the channel's URL or secret.
     */
    setTestOutcome(channelId: string, outcome: { success: boolean; error?: string | null } | undefined): void;
}
