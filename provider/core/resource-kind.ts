import type { InputRules } from "./check";
import { listEveryPage, type Page } from "./pagination";
import type { Transport } from "./transport";

/** What every hookstream object has, as its `response.ts` reads it. */
export interface HeldObject {
    id: string;
    name: string;
    enabled: boolean;
    /** The project the object lives in (`env_id`), when the answer names it. */
    envId?: string;
    /** Set when a listed item lacks fields a read reports: it is read again with its own GET. */
    partial?: true;
}

/** What every kind's checked inputs carry: the declared name and state, and what `check` adds. */
export interface DeclaredBase {
    name: string;
    enabled: boolean;
    /** The id of an existing object to take over instead of creating one. */
    adopt?: string;
    /** The resource's URN, handed on by the resource class (not an argument). */
    __urn?: string;
    /** The create token `check` issues (create-token.ts). */
    __createToken?: string;
    /**
     * Set by the dynamic host's resource classes, which register the step that finishes a create once the engine
     * has saved its id (create-finisher.ts): `create` then leaves the marker on.
     */
    __finishAfterSave?: boolean;
}

/** What every kind's outputs carry: the checked inputs echoed, plus what hookstream computes. */
export interface StoredBase {
    name: string;
    enabled: boolean;
    envId?: string;
    /** The fingerprint of the key that last saw the object (key-fingerprint.ts), for the wrong-project guard. */
    __keyFingerprint?: string;
    /** "failed" while a kind's delivery check has not succeeded: the next `up` runs it again. */
    verification?: "failed";
    __urn?: string;
    __createToken?: string;
    /** The marker a create left on the name for the finishing step to take off (create-finisher.ts). */
    __createMarker?: string;
}

/** A check run after a write that proves the object works (a channel's test delivery). */
export interface DeliveryCheck<Declared, Stored, Patch> {
    /** Whether an update must run it: e.g. the config changed, or the last run failed. */
    isDue(olds: Partial<Stored>, news: Declared, patch: Patch): boolean;
    run(api: Transport, id: string, declared: Declared): Promise<void>;
}

/**
 * One hookstream resource kind, described once. `core` builds its provider from this (kind-provider.ts); the
 * registry (provider/resources.ts) lists every kind, and everything that needs "each kind" reads the registry.
 */
export interface ResourceKind<
    Declared extends DeclaredBase = DeclaredBase,
    Stored extends StoredBase = StoredBase,
    Held extends HeldObject = HeldObject,
    Patch extends object = object,
> {
    /** The kind's name: the key shims, `recover` and messages use (`NotificationChannel`). */
    name: string;
    /** How messages call one object: `channel`, `alert rule`. */
    label: string;
    /** The type tokens Pulumi records: one per host. */
    tokens: { dynamic: string; native: string };
    /** How `check` judges the arguments (schema, discriminator, replacing arguments, names, defaults). */
    inputRules: InputRules<Declared>;
    /** hookstream's endpoints for this kind (docs/hookstream-api.md). */
    endpoints: {
        listPage(api: Transport, options: { cursor?: string; limit?: number }): Promise<Page<Held>>;
        get(api: Transport, id: string): Promise<Held>;
        /** POSTs the declared object under `name` (the marked name of a create). */
        create(api: Transport, declared: Declared, name: string): Promise<Held>;
        update(api: Transport, id: string, patch: Patch): Promise<Held>;
        delete(api: Transport, id: string): Promise<void>;
    };
    /**
     * The outputs for checked inputs and what hookstream answered (undefined when no request was needed). Never holds
     * an `undefined` value: the host turns outputs into a protobuf Struct, which rejects it (pulumi/pulumi#2205).
     */
    toOutputs(declared: Declared, held: Held | undefined): Stored;
    /** The inputs that would produce what hookstream holds, given what state stores (refresh shows drift); no `undefined`. */
    toInputs(observed: Held, stored: Partial<Stored>): Declared;
    /**
     * The arguments that differ between stored outputs (or an object read for adoption) and checked inputs: only
     * inputs take part, never what hookstream computes. Which of them replace is `inputRules.replaceOnChange`'s to say.
     */
    diff(olds: Partial<Stored> | Held, news: Declared): string[];
    /** The PATCH that brings `current` to `declared`: only what `diff` finds changed. */
    patch(current: Partial<Stored> | Held, declared: Declared): Patch;
    /** The object as adoption compares it with the declared inputs, when that differs from the object itself. */
    adoptionView?(existing: Held, declared: Declared): Held;
    /**
     * Warnings `check` gives about valid but doubtful inputs (a Slack channel whose URL is on Discord's host), shown
     * under the resource in the CLI's output; never a failure.
     */
    advise?(declared: Declared): Promise<void>;
    /** A check run after create and when due after update, whose failure keeps the object (channels' `verify`). */
    deliveryCheck?: DeliveryCheck<Declared, Stored, Patch>;
}

/** Any registered kind, whatever its types: what the consumers of the registry hold. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyResourceKind = ResourceKind<any, any, any, any>;

/** The argument that chooses a kind's schema (`channelType`, `ruleType`), if it has one. */
export function discriminatorOf(kind: AnyResourceKind): string | undefined {
    return kind.inputRules.discriminator?.key;
}

/** Every object of a kind in the key's project, following the list's pages. */
export function listEveryObject<H extends HeldObject>(
    api: Transport,
    kind: { endpoints: Pick<ResourceKind<DeclaredBase, StoredBase, H>["endpoints"], "listPage"> },
    onPage?: (count: number) => void,
): Promise<H[]> {
    return listEveryPage((cursor) => kind.endpoints.listPage(api, { cursor, limit: 100 }), onPage);
}
