import type { Organization } from "../organization";
import { ProjectStore } from "../project-store";
import { chooseTestOutcome, type TestOutcome } from "./test-outcome";
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

/** Every channel of the organization, with the test outcomes a test has forced on some of them. */
export class ChannelStore extends ProjectStore<StoredChannel> {
    readonly #forcedTestOutcomes = new Map<string, TestOutcome>();

    constructor(private readonly organization: Organization) {
        super();
    }

    create(project: string, id: string, input: SeedChannel): StoredChannel {
        const now = this.organization.timestamp();
        return this.add({
            id,
            org_id: this.organization.id,
            env_id: this.organization.envId(project),
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
        });
    }

    /** `config` is replaced whole, never merged (§1.4 leaves it open; replacing is what a PATCH of a column does). */
    update(channel: StoredChannel, patch: ChannelPatch): StoredChannel {
        if (patch.name !== undefined) channel.name = patch.name;
        if (patch.config !== undefined) channel.config = patch.config;
        if (patch.enabled !== undefined) channel.enabled = patch.enabled;
        channel.updated_at = this.organization.timestamp();
        return channel;
    }

    /** Makes every later test of the channel end this way; `undefined` goes back to the rules of `test-outcome.ts`. */
    forceTestOutcome(id: string, outcome: TestOutcome | undefined): void {
        if (outcome === undefined) this.#forcedTestOutcomes.delete(id);
        else this.#forcedTestOutcomes.set(id, outcome);
    }

    /**
     * `POST …/test` "updates tracking fields" (R-NC-TEST): a success sets `last_sent_at`; a failure counts the error
     * and keeps its message. A success leaves `error_count` alone, since nothing says it resets.
     */
    test(channel: StoredChannel): TestOutcome {
        const outcome = chooseTestOutcome(channel, this.#forcedTestOutcomes.get(channel.id));
        if (outcome.success) {
            channel.last_sent_at = this.organization.timestamp();
        } else {
            channel.error_count += 1;
            channel.last_error = outcome.error;
        }
        return outcome;
    }

    override delete(id: string): boolean {
        this.#forcedTestOutcomes.delete(id);
        return super.delete(id);
    }

    override clear(): void {
        this.#forcedTestOutcomes.clear();
        super.clear();
    }
}
