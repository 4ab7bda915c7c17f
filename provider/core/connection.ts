import { keyFingerprintOf } from "./key-fingerprint";
import { describeExchange } from "./exchange-log";
import { describeApiKey } from "./redact";
import { readStackSettings, resolveSettings, type StackSettings } from "./settings";
import { Transport, type ExchangeEvent } from "./transport";

/**
 * The provider process's one connection to hookstream, shared by every resource kind: the stack settings handed to
 * `configure`, and a transport built from them (or from the environment) when first needed.
 */

let stackSettings: StackSettings = {};
let cached:
    | { settings: StackSettings; envKey?: string; envUrl?: string; transport: Transport; fingerprint: string }
    | undefined;

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
 * The transport for the current settings. They are read at call time (a rotated key in the environment works for
 * `destroy`), but validated only when what they come from changed.
 */
export function transport(): Transport {
    // Called for every operation: compared field by field, not through a key built each time.
    const envKey = process.env.HOOKSTREAM_API_KEY;
    const envUrl = process.env.HOOKSTREAM_BASE_URL;
    if (cached?.settings !== stackSettings || cached.envKey !== envKey || cached.envUrl !== envUrl) {
        const settings = resolveSettings(stackSettings);
        cached = {
            settings: stackSettings,
            envKey,
            envUrl,
            transport: new Transport({ ...settings, onExchange: debugLogger(settings.apiKey) }),
            fingerprint: keyFingerprintOf(settings.apiKey),
        };
    }
    return cached.transport;
}

/** The fingerprint of the key `transport()` uses (key-fingerprint.ts). */
export function keyFingerprint(): string {
    transport();
    return cached!.fingerprint;
}

/** With HOOKSTREAM_DEBUG set, one stderr line per HTTP exchange (exchange-log.ts says where the engine shows it). */
function debugLogger(apiKey: string): ((event: ExchangeEvent) => void) | undefined {
    if (!process.env.HOOKSTREAM_DEBUG) return undefined;
    const key = describeApiKey(apiKey);
    return (event) => console.error(describeExchange(event, key));
}
