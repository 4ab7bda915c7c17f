import type { ProjectRecord } from "../project-store";

/** A channel as the emulator holds it: the canonical form, whatever shape the wire uses. */
export interface StoredChannel extends ProjectRecord {
    name: string;
    channel_type: string;
    config: Record<string, unknown>;
    enabled: boolean;
    /** ISO 8601, whole seconds, or null before the first send. */
    last_sent_at: string | null;
    error_count: number;
    last_error: string | null;
}
