import { createHash, randomBytes } from "node:crypto";
import type { ChannelPatch, SeedChannel } from "./validate";

/** A channel as the emulator holds it: the canonical form, whatever shape the wire uses. */
export interface StoredChannel {
    id: string;
    org_id: string;
    env_id: string;
    /** The project (API key) the channel belongs to; only that key sees it. */
    project: string;
    name: string;
    channel_type: string;
    config: Record<string, unknown>;
    enabled: boolean;
    /** ISO 8601, whole seconds, or null before the first send. */
    last_sent_at: string | null;
    error_count: number;
    last_error: string | null;
    /** ISO 8601, whole seconds, as D1 keeps them. */
    created_at: string;
    updated_at: string;
}

export interface ChannelPage {
    channels: StoredChannel[];
    /** Opaque; null on the last page (PAG). */
    cursor: string | null;
}

/**
 * Every channel of one organization, its projects kept apart. Returns live records: callers outside the emulator get
 * copies from `index.ts`.
 */
export class ChannelStore {
    /** One organization per emulator; each project is its own environment in it (CONCEPTS). */
    readonly orgId = `org_${randomBytes(8).toString("hex")}`;
    /** Insertion order is creation order; `seq` orders the newest-first list and keys the cursor. */
    readonly #channels = new Map<string, { seq: number; channel: StoredChannel }>();
    #lastSeq = 0;

    constructor(private readonly now: () => number) {}

    /** Stable for a project name, across emulators too, so CI logs and snapshots line up. */
    envId(project: string): string {
        return `env_${createHash("sha256").update(project).digest("hex").slice(0, 16)}`;
    }

    /** Oldest first. */
    all(project?: string): StoredChannel[] {
        const channels = [...this.#channels.values()].map((entry) => entry.channel);
        return project === undefined ? channels : channels.filter((channel) => channel.project === project);
    }

    /** Newest first, `limit` at a time, resuming after `cursor`; undefined when the cursor is not one of ours. */
    page(project: string, limit: number, cursor?: string): ChannelPage | undefined {
        const after = cursor === undefined ? Infinity : decodeCursor(cursor);
        if (after === undefined) return undefined;
        const entries = [...this.#channels.values()]
            .filter((entry) => entry.channel.project === project && entry.seq < after)
            .reverse();
        const page = entries.slice(0, limit);
        const last = page[page.length - 1];
        return {
            channels: page.map((entry) => entry.channel),
            cursor: entries.length > limit && last !== undefined ? encodeCursor(last.seq) : null,
        };
    }

    get(id: string): StoredChannel | undefined {
        return this.#channels.get(id)?.channel;
    }

    /** A channel of another project is as absent as a missing one (ERR: 404). */
    find(project: string, id: string): StoredChannel | undefined {
        const channel = this.get(id);
        return channel?.project === project ? channel : undefined;
    }

    create(project: string, id: string, input: SeedChannel): StoredChannel {
        const now = this.#timestamp();
        const channel: StoredChannel = {
            id,
            org_id: this.orgId,
            env_id: this.envId(project),
            project,
            name: input.name,
            channel_type: input.channel_type,
            config: input.config,
            enabled: input.enabled ?? true,
            last_sent_at: null,
            error_count: 0,
            last_error: null,
            created_at: now,
            updated_at: now,
        };
        this.#channels.set(id, { seq: ++this.#lastSeq, channel });
        return channel;
    }

    /** `config` is replaced whole, never merged (§1.4 leaves it open; replacing is what a PATCH of a column does). */
    update(channel: StoredChannel, patch: ChannelPatch): StoredChannel {
        if (patch.name !== undefined) channel.name = patch.name;
        if (patch.config !== undefined) channel.config = patch.config;
        if (patch.enabled !== undefined) channel.enabled = patch.enabled;
        channel.updated_at = this.#timestamp();
        return channel;
    }

    delete(id: string): boolean {
        return this.#channels.delete(id);
    }

    /**
     * `POST …/test` "updates tracking fields" (R-NC-TEST). Nothing is sent: an enabled channel always succeeds. A
     * disabled one fails and counts the error; a success leaves `error_count` alone, since nothing says it resets.
     */
    test(channel: StoredChannel): { success: boolean; error: string | null } {
        if (!channel.enabled) {
            channel.error_count += 1;
            channel.last_error = "Channel is disabled";
            return { success: false, error: channel.last_error };
        }
        channel.last_sent_at = this.#timestamp();
        return { success: true, error: null };
    }

    clear(): void {
        this.#channels.clear();
    }

    /** Whole seconds, as D1's `datetime('now')` and the docs' examples both have them. */
    #timestamp(): string {
        return new Date(Math.floor(this.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
    }
}

/** Opaque to clients (PAG); holds the position of the page's last channel, so deletions between pages skip nothing. */
function encodeCursor(seq: number): string {
    return Buffer.from(`after:${seq}`).toString("base64url");
}

function decodeCursor(cursor: string): number | undefined {
    const match = /^after:(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    const seq = match?.[1] === undefined ? undefined : Number(match[1]);
    // Buffer.from ignores characters outside base64url; only the exact string we issued counts.
    return seq !== undefined && encodeCursor(seq) === cursor ? seq : undefined;
}
