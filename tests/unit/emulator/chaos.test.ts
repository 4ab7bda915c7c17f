import assert from "node:assert/strict";
import { startEmulator, type ChaosFaultKind, type Emulator } from "../../../emulator";
import { Chaos, chaosFaultKinds, chaosLatencyMs, seededRandom } from "../../../emulator/chaos";

const key = "hs_test_" + "c".repeat(64);

/** Kinds that perform the operation before the answer goes wrong (or after a wait). */
const performedKinds = new Set<ChaosFaultKind>(["lose-response", "malformed", "empty", "latency"]);

function kindsOf(chaos: Chaos, decisions: number): Array<ChaosFaultKind | undefined> {
    return Array.from({ length: decisions }, () => chaos.decide()?.kind);
}

/** A POST of a channel; a cut connection comes back as undefined. */
async function create(emulator: Emulator, name: string): Promise<Response | undefined> {
    try {
        const response = await fetch(`${emulator.url}/notification-channels`, {
            method: "POST",
            headers: { "X-API-Key": key, "Content-Type": "application/json" },
            body: JSON.stringify({ name, channel_type: "email", config: { recipients: ["a@example.com"] } }),
        });
        await response.arrayBuffer();
        return response;
    } catch {
        return undefined;
    }
}

describe("emulator chaos", function () {
    describe("Chaos", function () {
        it("makes the same decisions for the same seed, and others for another seed", function () {
            const first = kindsOf(new Chaos({ seed: 11, rate: 0.2 }), 500);
            assert.deepEqual(kindsOf(new Chaos({ seed: 11, rate: 0.2 }), 500), first);
            assert.notDeepEqual(kindsOf(new Chaos({ seed: 12, rate: 0.2 }), 500), first);
        });

        it("faults about `rate` of the requests, none at 0 and all at 1", function () {
            const injected = (rate: number) => kindsOf(new Chaos({ seed: 5, rate }), 5000).filter(Boolean).length;
            assert.equal(injected(0), 0);
            assert.equal(injected(1), 5000);
            const share = injected(0.2) / 5000;
            assert.ok(share > 0.17 && share < 0.23, `share ${share}`);
        });

        it("draws every kind of fault, and counts each one it injects", function () {
            const chaos = new Chaos({ seed: 3, rate: 0.5 });
            const kinds = kindsOf(chaos, 2000);
            const report = chaos.report();
            assert.deepEqual(Object.keys(report.injected).sort(), [...chaosFaultKinds].sort());
            for (const kind of chaosFaultKinds) {
                const drawn = kinds.filter((candidate) => candidate === kind).length;
                assert.ok(drawn > 0, `${kind} never drawn`);
                assert.equal(report.injected[kind], drawn, kind);
            }
            assert.equal(report.total, kinds.filter(Boolean).length);
            assert.equal(report.decisions, 2000);
            assert.deepEqual([report.seed, report.rate], [3, 0.5]);
        });

        it("keeps latency spikes and 429 waits within their ranges", function () {
            const chaos = new Chaos({ seed: 9, rate: 1 });
            for (let n = 0; n < 2000; n++) {
                const { kind, action } = chaos.decide()!;
                if (action.type === "latency") {
                    assert.ok(action.ms >= chaosLatencyMs.min && action.ms <= chaosLatencyMs.max, `${action.ms}`);
                }
                if (kind === "429-retry-after")
                    assert.match(action.type === "status" ? action.headers!["Retry-After"]! : "", /^[12]$/);
            }
        });

        for (const [what, options] of [
            ["a fractional seed", { seed: 1.5, rate: 0.2 }],
            ["a rate above 1", { seed: 1, rate: 1.5 }],
            ["a negative rate", { seed: 1, rate: -0.1 }],
        ] as const) {
            it(`refuses ${what}`, function () {
                assert.throws(() => new Chaos(options), /^Error: chaos: /);
            });
        }

        it("draws numbers in [0, 1) from its seeded generator", function () {
            const random = seededRandom(0);
            const draws = Array.from({ length: 1000 }, random);
            assert.ok(draws.every((draw) => draw >= 0 && draw < 1));
            assert.deepEqual(Array.from({ length: 1000 }, seededRandom(0)), draws);
        });
    });

    describe("through the server", function () {
        let emulator: Emulator;

        afterEach(async function () {
            await emulator?.close();
        });

        it("applies the fault chaos drew to each request, records its kind and counts it", async function () {
            this.timeout(60_000);
            emulator = await startEmulator({ apiKeys: { [key]: "chaos" }, chaos: { seed: 21, rate: 1 } });
            const responses: Array<Response | undefined> = [];
            for (let n = 0; n < 48; n++) responses.push(await create(emulator, `channel-${n}`));

            const records = emulator.requests;
            assert.equal(records.length, 48);
            const report = emulator.chaos()!;
            assert.equal(report.total, 48);
            for (const kind of chaosFaultKinds) {
                assert.equal(records.filter((r) => r.chaos === kind).length, report.injected[kind], kind);
            }
            records.forEach((record, n) => {
                const kind = record.chaos!;
                const response = responses[n];
                if (kind.startsWith("429")) {
                    assert.equal(record.status, 429);
                    assert.equal(response?.status, 429);
                    assert.equal(response.headers.has("retry-after"), kind === "429-retry-after", kind);
                    assert.equal(response.headers.has("ratelimit-reset"), kind === "429-ratelimit-headers", kind);
                } else if (/^5\d\d$/.test(kind)) {
                    assert.deepEqual(
                        [record.fault, record.status, response?.status],
                        ["status", Number(kind), Number(kind)],
                    );
                } else if (kind === "drop" || kind === "lose-response") {
                    assert.deepEqual([record.fault, record.status, response], [kind, 0, undefined]);
                } else {
                    assert.equal(record.fault, kind);
                }
            });
            const performed = records
                .filter((r) => performedKinds.has(r.chaos!))
                .map((r) => (r.body as { name: string }).name);
            assert.ok(performed.length > 0);
            assert.deepEqual(
                emulator.channels("chaos").map((c) => c.name),
                performed,
                "exactly the requests whose fault comes after handling stored a channel",
            );
        });

        it("makes the same decisions for the same seed and the same requests", async function () {
            this.timeout(60_000);
            const run = async () => {
                emulator = await startEmulator({ apiKeys: { [key]: "chaos" }, chaos: { seed: 77, rate: 0.5 } });
                for (let n = 0; n < 30; n++) await create(emulator, `channel-${n}`);
                const kinds = emulator.requests.map((r) => r.chaos ?? "none");
                await emulator.close();
                return kinds;
            };
            const first = await run();
            assert.ok(first.some((kind) => kind !== "none"));
            assert.deepEqual(await run(), first);
        });

        it("turns on and off through setChaos, and lets an injected fault win over it", async function () {
            emulator = await startEmulator({ apiKeys: { [key]: "chaos" } });
            assert.equal(emulator.chaos(), undefined);
            assert.equal((await create(emulator, "calm"))?.status, 201);

            emulator.setChaos({ seed: 1, rate: 1 });
            emulator.inject({ action: { type: "status", status: 418 } });
            assert.equal((await create(emulator, "injected"))?.status, 418);
            assert.equal(emulator.chaos()!.decisions, 0, "chaos is not consulted when a rule matched");
            await create(emulator, "chaotic");
            assert.equal(emulator.chaos()!.total, 1);

            emulator.setChaos(undefined);
            assert.equal(emulator.chaos(), undefined);
            assert.equal((await create(emulator, "calm again"))?.status, 201);
            assert.deepEqual(
                emulator.requests.map((r) => [r.fault, r.chaos]),
                [
                    [undefined, undefined],
                    ["status", undefined],
                    [emulator.requests[2]!.fault, emulator.requests[2]!.chaos],
                    [undefined, undefined],
                ],
            );
            assert.notEqual(emulator.requests[2]!.chaos, undefined);
            assert.throws(() => emulator.setChaos({ seed: 1, rate: 2 }), /chaos: rate must be a number from 0 to 1/);
        });

        it("refuses invalid chaos options at start", async function () {
            await assert.rejects(
                startEmulator({ apiKeys: { [key]: "chaos" }, chaos: { seed: 1, rate: 2 } }),
                /startEmulator: chaos: rate must be a number from 0 to 1/,
            );
        });
    });
});
