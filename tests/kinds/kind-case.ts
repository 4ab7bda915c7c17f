import type { AnyResourceKind } from "../../provider/core/resource-kind";
import type { InjectedFault, SeenRequest } from "../support/widget-server";

/**
 * What the generic suites of tests/kinds/ know of one resource kind: its descriptor, a server to run it against, and
 * data. Everything that differs between kinds is here; the suites themselves name no kind.
 */

export type Bag = Record<string, unknown>;

/**
 * One request as a server saw it, and a fault a server injects on the next matching request: the widget server's
 * words, which the main emulator's `RecordedRequest` and `FaultAction` (emulator/faults.ts) both satisfy.
 */
export type { InjectedFault as KindFault, SeenRequest } from "../support/widget-server";

/** An object of the kind as the server stores it. */
export interface StoredObject {
    id: string;
    name: string;
    enabled: boolean;
}

/** A running server that serves the kind, and what a test does to it out of band. */
export interface KindBench {
    /** The base URL including `/v1`. */
    readonly url: string;
    /** Every API request since the last reset. */
    requests(): SeenRequest[];
    resetRequests(): void;
    /** Empties the server, then adds what `valid` refers to (a rule's channels) to `project`, unrecorded. */
    reset(project: string): KindRefs;
    inject(rule: { method: string; path?: string; action: InjectedFault }): void;
    /** The project's objects of this kind, oldest first. */
    stored(project: string): StoredObject[];
    /** Adds, as if made elsewhere, an object with what `inputs` declare (`name` as given); returns its id. */
    seed(project: string, inputs: Bag): string;
    /** Adds some object of the kind to a project that holds nothing `valid` refers to; returns its id. */
    seedElsewhere(project: string): string;
    /** Deletes an object out of band. */
    remove(id: string): void;
    close(): Promise<void>;
}

/** A row of a bad-input table: what `check` must reject, at which property, with which words. */
export interface BadInputRow {
    title: string;
    inputs: Bag;
    /** The exact `property` of the expected failure (zod dot path). */
    property: string;
    /** A fragment of the expected reason, matched case-insensitively. */
    reason: string;
}

export interface KindCase {
    kind: AnyResourceKind;
    /** The kinds the server serves: the wrong-project guard samples each of them. */
    kinds: readonly AnyResourceKind[];
    /** The kind's collection path on the wire, `/v1/…`. */
    collection: string;
    /**
     * The `__provider` text a program stores for the kind, and what the dynamic-provider host's environment needs to
     * load it (tests/kinds/host.test.ts; the registered kinds' texts load the built package: `npm run build` first).
     */
    providerText(): Promise<{ text: string; env?: NodeJS.ProcessEnv }>;
    /** Starts a server that knows these API keys (key → project). */
    start(apiKeys: Record<string, string>): Promise<KindBench>;
    /** Valid declared inputs, given the ids `reset` prepared; `name` is set by the suite. */
    valid(refs: KindRefs): Bag;
    /** A change of arguments PATCH can make, and the PATCH body it sends. */
    update: { change: Bag; patch: Bag };
    /** A change of arguments that replaces the object, and the arguments the diff names as replacing. */
    replacing: { change: Bag; replaces: string[] };
    /** Inputs `check` must reject; none may reach the server. */
    badInputs: readonly BadInputRow[];
    /** Strings of `valid` inputs that no error message may contain (credentials). */
    secrets: readonly string[];
    /** The arguments whose strings are credentials: no check failure may echo them. */
    sensitiveArguments: readonly string[];
}

/** The ids `KindBench.reset` prepared, which valid inputs may refer to. */
export interface KindRefs {
    ids: readonly string[];
}
