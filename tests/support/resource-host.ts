import { autonamedArgument } from "../../native/native-arguments";
import type { Bag, CheckFailure, InitFailure } from "./provider-host";

/** The two processes the engine may run a hookstream resource through. */
export const hostNames = ["dynamic", "native"] as const;
export type HostName = (typeof hostNames)[number];

/** What the engine says of a host in a test title: "the dynamic-provider host", "the native plugin". */
export const hostTitles: Record<HostName, string> = {
    dynamic: "the dynamic-provider host",
    native: "the native plugin",
};

/**
 * The argument each host fills in from the resource's name when the inputs leave it out: the native plugin does, as
 * every generated SDK relies on; through the dynamic host the resource classes default it in the program, so the
 * host itself sees it missing.
 */
export const autonamedBy: Record<HostName, string | undefined> = { dynamic: undefined, native: autonamedArgument };

/** A failed call as the engine reads it: the status message, and the object to keep in state after a partial write. */
export type HostError = Error & { initFailure?: InitFailure };

/**
 * One resource kind's calls through one host, driven over gRPC as the engine drives it, in the same terms whatever
 * the host: plain values in and out (a host that takes secrets gets them wrapped as the engine would send them, and
 * its answers are read with the wrapping removed), errors as `HostError`, a vanished object as a read whose id is "".
 */
export interface ResourceHost {
    readonly name: HostName;
    check(news: Bag, olds?: Bag): Promise<{ inputs: Bag; failures: CheckFailure[] }>;
    diff(id: string, olds: Bag, news: Bag): Promise<{ changes: "unknown" | "none" | "some"; replaces: string[] }>;
    create(inputs: Bag): Promise<{ id: string; outputs: Bag }>;
    read(id: string, properties: Bag, inputs?: Bag): Promise<{ id: string; outputs: Bag; inputs?: Bag }>;
    update(id: string, olds: Bag, news: Bag): Promise<Bag>;
    delete(id: string, properties: Bag): Promise<void>;
    /** What the host process has written to stderr (the engine's log of it). */
    stderr(): string;
    stop(): Promise<void>;
}
