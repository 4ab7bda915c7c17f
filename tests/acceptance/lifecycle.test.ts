import assert from "node:assert/strict";
import { Transport } from "../../provider/core/transport";
import { channelClient } from "../../provider/notification-channel/endpoints";
import { defaultBaseUrl } from "../../provider/core/settings";
import { ProviderHost, type Bag } from "../support/provider-host";
import { serializedProvider } from "../support/provider-text";

/**
 * The engine-level lifecycle against the real hookstream API. Runs only with HOOKSTREAM_API_KEY (and optionally
 * HOOKSTREAM_BASE_URL); every channel it creates (known by id, or by this run's name prefix) is deleted in `after`,
 * whatever failed before.
 */

const apiKey = process.env.HOOKSTREAM_API_KEY?.trim();
const baseUrl = process.env.HOOKSTREAM_BASE_URL?.trim() || defaultBaseUrl;

describe("acceptance: NotificationChannel against the real hookstream API", function () {
    this.timeout(5 * 60_000);
    let host: ProviderHost;
    const created = new Set<string>();
    const runId = `pulumi-hookstream-acceptance-${Date.now().toString(36)}`;

    before(async function () {
        if (!apiKey) {
            console.log(
                "    skipped: HOOKSTREAM_API_KEY is not set (set it, and optionally HOOKSTREAM_BASE_URL, to run)",
            );
            this.skip();
        }
        host = await ProviderHost.start((await serializedProvider()).text);
        await host.configure({ "hookstream:apiKey": apiKey!, "hookstream:baseUrl": baseUrl });
    });

    after(async function () {
        await host?.stop();
        if (!apiKey) return;
        const client = channelClient(new Transport({ apiKey, baseUrl }));
        // A step that failed after hookstream stored a channel (a lost answer, a failed follow-up) never told us
        // its id: sweep this run's names too.
        const leftovers = await client.listAll().catch((error: Error) => {
            console.error(`    listing channels for cleanup failed: ${error.message}`);
            return [];
        });
        for (const channel of leftovers) if (channel.name.startsWith(runId)) created.add(channel.id);
        for (const id of created) {
            await client.delete(id).catch((error: Error) => {
                if (!/ 404/.test(error.message)) console.error(`    cleanup of ${id} failed: ${error.message}`);
            });
        }
    });

    for (const [channelType, config] of [
        ["webhook", { url: "https://example.com/pulumi-hookstream-acceptance", secret: "acceptance-secret" }],
        ["email", { recipients: ["pulumi-hookstream-acceptance@example.com"] }],
    ] as const) {
        it(`creates, reads, updates, no-change diffs and deletes a ${channelType} channel`, async function () {
            const declared = { channelType, name: `${runId}-${channelType}`, config };
            const checked = await host.check(declared);
            assert.deepEqual(checked.failures, []);
            const { id, outputs } = await host.create(checked.inputs);
            created.add(id);
            assert.ok(id);

            const read = await host.read(id, outputs);
            assert.equal(read.outputs.name, declared.name);
            assert.equal(read.outputs.channelType, channelType);
            const noChange = await host.diff(id, read.outputs, checked.inputs);
            assert.equal(noChange.changes, "none", "a fresh read must not differ from the declared inputs");

            const renamed = (await host.check({ ...declared, name: `${declared.name}-2`, enabled: false })).inputs;
            const updated: Bag = await host.update(id, read.outputs, renamed);
            assert.equal(updated.enabled, false);
            const reread = await host.read(id, updated);
            assert.equal(reread.outputs.name, `${declared.name}-2`);
            assert.equal(reread.outputs.enabled, false);

            await host.delete(id, reread.outputs);
            const gone = await host.read(id, reread.outputs);
            assert.equal(gone.id, "");
            created.delete(id);
        });
    }
});
