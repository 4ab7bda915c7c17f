import type { Emulator } from "../../../emulator";

/** What every suite through the dynamic-provider host knows of a registered kind, whatever it tests. */
export interface HostTable {
    /** The registered kind's name (provider/resources.ts). */
    kindName: string;
    /** The kind's collection path on the wire. */
    collection: string;
    /** The emulator's key for the suite, and the project it belongs to. */
    apiKey: string;
    project: string;
    /** The `__provider` text a program stores for this kind. */
    providerText(): Promise<string>;
    /** Adds what declared objects refer to (a rule's channels) to a project; returns their ids. */
    prepare?(emulator: Emulator, project: string): string[];
}
