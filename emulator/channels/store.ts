import { ProjectStore } from "../project-store";
import type { StoredChannel } from "./stored-channel";
import { chooseTestOutcome, type TestOutcome } from "./test-outcome";
import type { ChannelPatch, SeedChannel } from "./validate";

/** Every channel of the organization, with the test outcomes a test has forced on some of them. */
export class ChannelStore extends ProjectStore<StoredChannel> {
    readonly #forcedTestOutcomes = new Map<string, TestOutcome>();

    create(project: string, id: string, input: SeedChannel): StoredChannel {
        return this.insert(project, id, {
            name: input.name,
            channel_type: input.channel_type,
            config: input.config,
            enabled: input.enabled ?? true,
            last_sent_at: null,
            error_count: 0,
            last_error: null,
        });
    }

    /**
     * `config` is replaced whole, never merged (`docs/hookstream-api.md §1.4` leaves it open; replacing is what a
     * PATCH of a column does).
     */
    update(channel: StoredChannel, patch: ChannelPatch): StoredChannel {
        if (patch.name !== undefined) channel.name = patch.name;
        if (patch.config !== undefined) channel.config = patch.config;
        if (patch.enabled !== undefined) channel.enabled = patch.enabled;
        return this.touch(channel);
    }

    /** Makes every later test of the channel end this way; `undefined` goes back to the rules of `test-outcome.ts`. */
    forceTestOutcome(id: string, outcome: TestOutcome | undefined): void {
        if (outcome === undefined) this.#forcedTestOutcomes.delete(id);
        else this.#forcedTestOutcomes.set(id, outcome);
    }

    /**
     * `POST …/test` "updates tracking fields" (R-NC-TEST, `docs/hookstream-api.md §1.6`): a success sets
     * `last_sent_at`; a failure counts the error and keeps its message. A success leaves `error_count` alone, since
     * nothing says it resets.
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
