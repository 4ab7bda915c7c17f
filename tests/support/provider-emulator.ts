import { startEmulator, type Emulator } from "../../emulator";
import { setStackSettings } from "../../provider/core/connection";

/**
 * Mocha hooks for a suite that runs the providers against the emulator: one emulator for the suite, with one API key
 * for `project`, the providers pointed at it, and everything emptied before each test. Returns the running emulator.
 */
export function providersOnEmulator(apiKey: string, project: string): () => Emulator {
    let emulator: Emulator | undefined;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: project } });
        setStackSettings({ apiKey, baseUrl: emulator.url });
    });

    after(async function () {
        setStackSettings({});
        await emulator?.close();
    });

    beforeEach(function () {
        emulator!.reset();
    });

    return () => emulator!;
}
