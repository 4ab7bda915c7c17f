import type { Bag } from "../../support/provider-host";
import type { HostServer, HostTable } from "./host-table";

/**
 * What the lost-create suite through the dynamic-provider host (tests/reliability/lost-create.test.ts) knows of one
 * kind: how its objects are declared, seeded and read back in its server, and which of them each case uses. The suite
 * names no kind.
 */
export interface LostCreateTable<S extends HostServer = HostServer> extends HostTable<S> {
    /** The object a program declares under this variant (a channel type, a rule type), `name` included. */
    declared(variant: string, refs: readonly string[]): Bag;
    /** Adds the variant's object as if made in the dashboard, with wire fields overridden; returns its id. */
    seed(server: S, project: string, variant: string, refs: readonly string[], overrides?: Bag): string;
    /** The project's stored objects of the kind, in wire form. */
    stored(server: S, project: string): Array<{ id: string; name: string; enabled: boolean }>;
    /** Output keys that echo the declared inputs unchanged. */
    echoed: readonly string[];
    /** The response shapes the server serves (docs/hookstream-api.md §8): each takeover runs under each. */
    shapes?: { names: readonly string[]; set(server: S, shape: string): void };
    /** Each stores the object and loses the answer; every variant appears once with a reset. */
    takeovers: ReadonlyArray<{ fault: "lose-response" | "malformed" | "empty"; variant: string }>;
    /** The variant each case declares. */
    picks: {
        disabled: string;
        paged: string;
        filler: string;
        differing: string;
        twoIdentical: string;
        identicalBefore: string;
        inFlight: string;
        lookAlikeOnOtherPage: string;
        finishFails: string;
        dropped: string;
        lookupFails: string;
    };
    /** Wire fields that make a seed of `picks.differing` differ from what the POST sends, name kept. */
    differingWire: Bag;
    /** Strings of the declared objects that neither an error message nor the host's stderr may contain. */
    credentials: readonly string[];
}
