import { keyFingerprintOf } from "./key-fingerprint";
import { describeExchange } from "./exchange-log";
import { describeApiKey } from "./redact";
import { readStackSettings, resolveSettings, type StackSettings } from "./settings";
import { Transport, type ExchangeEvent } from "./transport";

/**
 * The provider process's one connection to hookstream, shared by every resource kind: the stack settings handed to
 * `configure`, and a transport built from them (or from the environment) when first needed.
 */

/** A transport, and what else an operation reads from the settings and the environment. */
export interface Connection {
    transport: Transport;
    /** The fingerprint of the key the transport sends (key-fingerprint.ts): what outputs name the key by. */
    keyFingerprint: string;
    /** Whether reads that arrive together share the list's pages (read-batcher.ts): HOOKSTREAM_READ_BATCHING. */
    batchReads: boolean;
}

let stackSettings: StackSettings = {};
let cached: Connection | undefined;

/**
 * What every resource's `configure` does. No await before the copy: the host caches the provider before `configure`
 * settles, and concurrent first calls would otherwise run unconfigured (`getProvider` in
 * `@pulumi/pulumi/cmd/dynamic-provider/index.js` stores the provider in its cache before awaiting `configure`).
 */
export function configureFromStack(config: { get(key: string): string | undefined }): Promise<void> {
    setStackSettings(readStackSettings(config));
    return Promise.resolve();
}

/** Test seam: the engine-independent way to point the providers at a server. */
export function setStackSettings(settings: StackSettings): void {
    stackSettings = settings;
    cached = undefined;
}

/**
 * The connection for the current settings, built when first needed after they were set: the stack's config first,
 * then the environment. The engine starts a new provider process for every command and configures it, so a key
 * rotated in the environment is used by the next command (a `destroy` without an `up` first); within a process the
 * environment is read once, not on every operation. An operation asks once and keeps what it got, so the fingerprint
 * it stores is that of the key its requests were sent with.
 */
export function connection(): Connection {
    if (cached === undefined) {
        const settings = resolveSettings(stackSettings);
        cached = {
            transport: new Transport({ ...settings, onExchange: debugLogger(settings.apiKey) }),
            keyFingerprint: keyFingerprintOf(settings.apiKey),
            batchReads: process.env.HOOKSTREAM_READ_BATCHING !== "off",
        };
    }
    return cached;
}

/** The transport for the current settings, for what stores no fingerprint. */
export function transport(): Transport {
    return connection().transport;
}

/** With HOOKSTREAM_DEBUG set, one stderr line per HTTP exchange (exchange-log.ts says where the engine shows it). */
function debugLogger(apiKey: string): ((event: ExchangeEvent) => void) | undefined {
    if (!process.env.HOOKSTREAM_DEBUG) return undefined;
    const key = describeApiKey(apiKey);
    return (event) => console.error(describeExchange(event, key));
}
