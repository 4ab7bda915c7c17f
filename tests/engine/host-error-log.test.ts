import assert from "node:assert/strict";
import * as path from "node:path";
import { startEmulator, type Emulator } from "../../emulator";
import { ProviderHost, repoRoot } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";

/**
 * The real dynamic-provider host writes every error that read, delete, check or diff throws to its stderr, which the
 * engine prints in the CLI output. An error of ours reaches the engine as the call's error, and nowhere else; any
 * other error keeps its stack on stderr (issue 21).
 */

const apiKey = "hs_test_" + "h".repeat(64);

describe("the dynamic-provider host's stderr", function () {
    let emulator: Emulator;
    let host: ProviderHost;

    before(async function () {
        emulator = await startEmulator({ apiKeys: { [apiKey]: "host-log" } });
        host = await ProviderHost.start((await serializedProvider()).text);
        await host.configure({ "hookstream:apiKey": apiKey, "hookstream:baseUrl": emulator.url });
    });

    after(async function () {
        await host?.stop();
        await emulator?.close();
    });

    it("holds nothing of an expected failure, which the engine gets as the call's error", async function () {
        emulator.inject({ action: { type: "status", status: 403 }, method: "DELETE" });
        const error = await host.delete("nc_0a1b2c3d4e5f60718293a4b5c6d7e8f9", { channelType: "email" }).then(
            () => assert.fail("the delete succeeded"),
            (e: Error) => e,
        );
        assert.match(error.message, /hookstream DELETE \/v1\/notification-channels\/nc_\w+ failed with 403/);
        assert.equal(host.stderr().includes("failed with 403"), false, host.stderr());
    });

    it("keeps an unexpected error's stack", async function () {
        // A stored provider whose read constructs one of our errors (which quiets the repeated lines) and then fails
        // as a bug does.
        const errors = JSON.stringify(path.join(repoRoot, "dist", "provider", "core", "errors.js"));
        const buggy = await ProviderHost.start(
            `exports.handler = () => ({ async read() { new (require(${errors}).ConfigError)("quiet");` +
                ` null.id; } });`,
        );
        try {
            await buggy.read("nc_1", {}).then(
                () => assert.fail("the read succeeded"),
                (e: Error) => assert.match(e.message, /Cannot read properties of null/),
            );
            assert.match(buggy.stderr(), /TypeError: Cannot read properties of null \(reading 'id'\).*\n\s+at /);
        } finally {
            await buggy.stop();
        }
    });
});
