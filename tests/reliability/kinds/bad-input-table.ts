import type { Bag } from "../../support/provider-host";
import type { HostServer, HostTable } from "./host-table";

/** A row of a kind's bad-input matrix (tests/unit/<kind>/bad-input-cases.ts). */
export interface BadInputRow {
    title: string;
    inputs: Bag;
    /** The exact `property` of the expected check failure (zod dot path). */
    property: string;
    /** A fragment of the expected reason, matched case-insensitively. */
    reason: string;
}

/**
 * What the bad-input suite through the dynamic-provider host (tests/reliability/bad-input.test.ts) knows of one
 * kind. The suite names no kind.
 */
export interface BadInputTable<S extends HostServer = HostServer> extends Omit<HostTable<S>, "collection" | "prepare"> {
    rows: readonly BadInputRow[];
    /**
     * Where a row's failures may lie: at exactly its property, or anywhere in the argument it starts in (a rule's
     * config in the wrong spelling also misses the right one: several failures, all in `ruleConfig`).
     */
    failuresWithin: "property" | "argument";
    /** Valid inputs of every variant, which `check` must accept, so that the rows test themselves and not the host. */
    valid: readonly Bag[];
    /** The argument whose strings of 12 characters or more are credentials no reason may echo (a channel's config). */
    sensitiveArgument?: string;
}
