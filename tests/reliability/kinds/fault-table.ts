import type { Bag } from "../../support/provider-host";
import type { HostServer, HostTable } from "./host-table";

/**
 * What the fault matrix through the dynamic-provider host (tests/reliability/faults.test.ts) knows of one
 * kind: how a row declares its object and its update, how the server's copy is compared with what was declared, and
 * which strings are credentials. The suite names no kind.
 */
export interface FaultTable<S extends HostServer = HostServer> extends HostTable<S> {
    /** One declared object per row (rows rotate through the kind's variants); version 2 is the update. */
    declare(name: string, row: number, version: 1 | 2, refs: readonly string[]): Bag;
    /** The strings a request for these inputs sends that a careless server might echo (a channel's config). */
    sentStrings(inputs: Bag): string[];
    /** hookstream's message for a 400, given what the request sent. */
    invalidBody(sent: string[]): string;
    /** hookstream's message for a 404 of an object of this kind. */
    notFound: string;
    /** The project's stored objects of the kind. */
    stored(server: S, project: string): Array<{ id: string; name: string; enabled: boolean }>;
    remove(server: S, id: string): void;
    /** The stored objects whose name starts with `name`, in the provider's terms, to compare with `expectedHeld`. */
    heldAs(server: S, project: string, name: string): unknown[];
    /** What `heldAs` shows for an object declared so. */
    expectedHeld(declared: Bag, enabled: boolean): unknown;
    /** Strings of the declared objects that neither an error message nor the host's stderr may contain. */
    credentials: readonly string[];
    /** What must hold of the server once the whole matrix has run (the emulator: no rule ever listed a missing channel). */
    finalCheck?(server: S): void;
    /** For the timeout tests, which call the kind's endpoints directly. */
    timeouts: {
        project: string;
        /** Checked inputs as the kind's `endpoints.create` takes them. */
        declared(refs: readonly string[]): Bag;
        /** Adds an object as if made in the dashboard; returns its id. */
        seed(server: S, project: string, name: string, refs: readonly string[]): string;
        /** A PATCH body the kind's `endpoints.update` sends. */
        patch: Bag;
    };
}
