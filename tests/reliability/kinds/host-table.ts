import type { AnyResourceKind } from "../../../provider/core/resource-kind";
import type { InjectedFault, SeenRequest } from "../../support/widget-server";

/**
 * A server a suite through the dynamic-provider host runs one kind against: the main emulator for the registered
 * kinds, a test-only kind's own server for it. Both satisfy this as they are.
 */
export interface HostServer {
    /** The base URL including `/v1`. */
    readonly url: string;
    /** Every API request since the last reset, in the order they arrived. */
    readonly requests: readonly SeenRequest[];
    /** Makes the next matching request fail as the rule says. */
    inject(rule: { method?: string; path?: string | RegExp; action: InjectedFault }): void;
    /** No objects, requests or faults. */
    reset(): void;
    resetRequests(): void;
    close(): Promise<void>;
}

/**
 * What every suite through the dynamic-provider host knows of a kind, whatever it tests. `S` is the kind's server;
 * the table's hooks (methods, so that a table of any server fits a list of them) are handed that server.
 */
export interface HostTable<S extends HostServer = HostServer> {
    kind: AnyResourceKind;
    /** The kind's collection path on the wire. */
    collection: string;
    /** The server's key for the suite, and the project it belongs to. */
    apiKey: string;
    project: string;
    /** The `__provider` text a program stores for this kind, and what the host's environment needs to load it. */
    providerText(): Promise<{ text: string; env?: NodeJS.ProcessEnv }>;
    /** Starts the kind's server on port 0 with these keys (key → project). */
    start(apiKeys: Record<string, string>): Promise<S>;
    /** Adds what declared objects refer to (a rule's channels) to a project; returns their ids. */
    prepare?(server: S, project: string): string[];
}
