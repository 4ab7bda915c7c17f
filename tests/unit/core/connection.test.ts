import * as assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../../emulator";
import { setStackSettings } from "../../../provider/core/connection";
import { providers } from "../../../provider/providers";

const provider = providers.NotificationChannel!;

/**
 * The provider reads its settings when a process first needs them after `configure` (which the engine calls in every
 * new provider process), not from state: a key rotated in the environment is used by the next command (e.g. a
 * `destroy` without an `up` first). Within one process the environment is read once, not on every operation.
 */
describe("provider settings per process", function () {
    const devKey = "hs_test_" + "d".repeat(64);
    const prodKey = "hs_test_" + "p".repeat(64);
    const saved = { key: process.env.HOOKSTREAM_API_KEY, url: process.env.HOOKSTREAM_BASE_URL };
    let emulator: Emulator;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [devKey]: "dev", [prodKey]: "prod" } });
    });

    after(async function () {
        restore("HOOKSTREAM_API_KEY", saved.key);
        restore("HOOKSTREAM_BASE_URL", saved.url);
        setStackSettings({});
        await emulator.close();
    });

    const declared = {
        channelType: "email" as const,
        name: "ops",
        config: { recipients: ["ops@example.com"] },
        enabled: true,
    };

    it("uses the HOOKSTREAM_API_KEY of the process, read again when the provider is configured", async function () {
        setStackSettings({});
        process.env.HOOKSTREAM_BASE_URL = emulator.url;
        process.env.HOOKSTREAM_API_KEY = devKey;
        const { id } = await provider.create(declared);
        assert.equal(emulator.channels("dev").length, 1);

        // Read once per process: a change after the first operation is not seen until the next `configure`.
        process.env.HOOKSTREAM_API_KEY = prodKey;
        assert.equal((await provider.read!(id, declared as never)).id, id);

        // What a new process (the next command) does: another project, which holds nothing. The key is used, and
        // its 404 is not taken as a deletion.
        setStackSettings({});
        await assert.rejects(provider.read!(id, declared as never), /not found \(404\) with the API key in use/);

        process.env.HOOKSTREAM_API_KEY = devKey;
        setStackSettings({});
        assert.equal((await provider.read!(id, declared as never)).id, id);
    });

    it("prefers the stack's key over the environment's, and fails clearly once neither is set", async function () {
        process.env.HOOKSTREAM_BASE_URL = emulator.url;
        process.env.HOOKSTREAM_API_KEY = devKey;
        setStackSettings({ apiKey: prodKey });
        await provider.create(declared);
        assert.equal(emulator.channels("prod").length, 1);

        setStackSettings({});
        delete process.env.HOOKSTREAM_API_KEY;
        await assert.rejects(provider.create(declared), /no hookstream API key/);
    });
});

function restore(name: string, value: string | undefined): void {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
}
