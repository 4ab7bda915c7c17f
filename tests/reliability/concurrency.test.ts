import assert from "node:assert/strict";
import { startEmulator, type Emulator } from "../../emulator";
import { checkInputs } from "../../provider/core/check";
import { notificationChannel } from "../../provider/notification-channel/kind";

const channelInputRules = notificationChannel.inputRules;
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";

/**
 * The dynamic-provider host caches a provider before its `configure` settles, so calls that arrive together right
 * after Configure can run before the provider has its settings (pulumi-dynamic-providers.md §1.3). Each test starts
 * a fresh host, because `configure` runs once per host process.
 */

const keys = {
    awaited: "hs_test_" + "a1".repeat(32),
    racing: "hs_test_" + "b2".repeat(32),
    mixed: "hs_test_" + "c3".repeat(32),
    environment: "hs_test_" + "d4".repeat(32),
    mutant: "hs_test_" + "e5".repeat(32),
};
const count = 50;

/** Checked inputs made without the host, so that the creates are the host's first calls. */
function inputsFor(prefix: string, index: number): Bag {
    const declared = {
        channelType: "webhook",
        name: `${prefix}-${String(index).padStart(2, "0")}`,
        config: { url: `https://ops.example.com/${prefix}/${index}`, secret: `whsec-concurrency-${index}` },
    };
    const outcome = checkInputs(declared, channelInputRules);
    assert.ok(outcome.ok && outcome.complete);
    return outcome.inputs as unknown as Bag;
}

/** Every failure, a missing-key ConfigError ("no hookstream API key") among them. */
function rejections(results: PromiseSettledResult<unknown>[]): string[] {
    return results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).message)] : []));
}

describe("concurrent first calls to a fresh dynamic-provider host", function () {
    this.timeout(60_000);
    let emulator: Emulator;
    let providerText: string;
    const hosts: ProviderHost[] = [];

    before(async function () {
        emulator = await startEmulator({
            port: 0,
            apiKeys: Object.fromEntries(Object.entries(keys).map(([project, key]) => [key, project])),
        });
        providerText = (await serializedProvider()).text;
    });

    after(async function () {
        await Promise.all(hosts.map((host) => host.stop()));
        await emulator?.close();
    });

    async function freshHost(env?: NodeJS.ProcessEnv): Promise<ProviderHost> {
        const host = await ProviderHost.start(providerText, { env });
        hosts.push(host);
        return host;
    }

    const config = (project: keyof typeof keys) => ({
        "hookstream:apiKey": keys[project],
        "hookstream:baseUrl": emulator.url,
    });

    it(`creates ${count} channels sent together after Configure returned, none missing the key`, async function () {
        const host = await freshHost();
        await host.configure(config("awaited"));
        const results = await Promise.allSettled(
            Array.from({ length: count }, (_, i) => host.create(inputsFor("awaited", i))),
        );
        assert.deepEqual(rejections(results), []);
        const ids = results.map((r) => (r as PromiseFulfilledResult<{ id: string }>).value.id);
        const stored = emulator.channels("awaited");
        assert.equal(stored.length, count);
        assert.deepEqual([...ids].sort(), stored.map((c) => c.id).sort());
        assert.equal(new Set(stored.map((c) => c.name)).size, count);
    });

    it(`creates ${count} channels sent in the same tick as Configure (the configure race)`, async function () {
        const host = await freshHost();
        const configured = host.configure(config("racing"));
        const creates = Array.from({ length: count }, (_, i) => host.create(inputsFor("racing", i)));
        const results = await Promise.allSettled([configured, ...creates]);
        assert.deepEqual(rejections(results), []);
        assert.equal(emulator.channels("racing").length, count);
        assert.ok(
            emulator.requests.filter((r) => r.project === "racing").every((r) => r.apiKeyPresent),
            "a request went out without the key",
        );
    });

    it("serves check, diff, create, read, update and delete arriving together as the first calls", async function () {
        const seeded = Array.from({ length: 10 }, (_, i) =>
            emulator.createChannel("mixed", {
                name: `seed-${i}`,
                channel_type: "email",
                config: { recipients: ["a@example.com"] },
            }),
        );
        const olds = (i: number): Bag => ({
            channelType: "email",
            name: `seed-${i}`,
            enabled: true,
            config: { recipients: ["a@example.com"] },
        });
        const host = await freshHost();
        const configured = host.configure(config("mixed"));
        const calls: Array<Promise<unknown>> = [configured];
        for (let i = 0; i < 10; i++) {
            const id = seeded[i]!.id;
            calls.push(host.check(inputsFor("mixed", i)));
            calls.push(host.diff(id, olds(i), { ...olds(i), name: `renamed-${i}` }));
            calls.push(host.create(inputsFor("mixed", i)));
            if (i < 4) calls.push(host.read(id, olds(i)));
            else if (i < 7) calls.push(host.update(id, olds(i), { ...olds(i), name: `renamed-${i}` }));
            else calls.push(host.delete(id, olds(i)));
        }
        const results = await Promise.allSettled(calls);
        assert.deepEqual(rejections(results), []);
        const names = emulator
            .channels("mixed")
            .map((c) => c.name)
            .sort();
        const expected = [
            ...Array.from({ length: 10 }, (_, i) => `mixed-${String(i).padStart(2, "0")}`),
            ...[0, 1, 2, 3].map((i) => `seed-${i}`),
            ...[4, 5, 6].map((i) => `renamed-${i}`),
        ].sort();
        assert.deepEqual(names, expected);
    });

    it("notices a provider whose configure awaits before keeping its settings (this test can fail)", async function () {
        // The real provider, with a configure that waits 300 ms before doing what the real one does.
        const awaitingConfigure = [
            "exports.handler = () => {",
            '    const real = require("node:module").createRequire(`${process.cwd()}/`)("pulumi-hookstream/runtime").provider;',
            "    const configure = async (req) => { await new Promise((r) => setTimeout(r, 300)); return real.configure(req); };",
            "    return { ...real, configure };",
            "};",
        ].join("\n");
        const host = await ProviderHost.start(awaitingConfigure, { env: { HOOKSTREAM_API_KEY: "" } });
        hosts.push(host);
        await host.configure(config("mutant"));
        const results = await Promise.allSettled(
            Array.from({ length: 10 }, (_, i) => host.create(inputsFor("mutant", i))),
        );
        const failed = rejections(results);
        assert.ok(failed.length > 0, "every create saw the key");
        assert.ok(
            failed.every((message) => /no hookstream API key/.test(message)),
            failed.join("\n"),
        );
    });

    it(`creates ${count} channels together with the key only in HOOKSTREAM_API_KEY`, async function () {
        const host = await freshHost({ HOOKSTREAM_API_KEY: keys.environment, HOOKSTREAM_BASE_URL: emulator.url });
        const configured = host.configure({});
        const results = await Promise.allSettled([
            configured,
            ...Array.from({ length: count }, (_, i) => host.create(inputsFor("environment", i))),
        ]);
        assert.deepEqual(rejections(results), []);
        assert.equal(emulator.channels("environment").length, count);
    });
});
