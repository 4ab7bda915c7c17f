import assert from "node:assert/strict";
import { setStackSettings } from "../../provider/core/connection";
import { markedName, parseCreateToken } from "../../provider/core/create-token";
import { buildProvider, type AnyKindProvider } from "../../provider/core/kind-provider";
import type { Bag, KindBench, KindCase, KindRefs } from "./kind-case";
import { kindCases } from "./kind-cases";

/** The keys every generic suite runs with: the stack's project, and another one of the same organization. */
export const devKey = "hs_test_" + "d".repeat(64);
export const prodKey = "hs_test_" + "e".repeat(64);
export const project = "dev";
export const otherProject = "prod";

/** What a generic test has at hand for the kind it runs for. */
export interface KindContext {
    readonly table: KindCase;
    readonly bench: KindBench;
    /** The kind's provider, built from its descriptor as the hosts build it. */
    readonly provider: AnyKindProvider;
    /** What the bench prepared for valid inputs to refer to. */
    readonly refs: KindRefs;
    /** The kind's valid inputs under this name, with `extra` on top. */
    declared(name: string, extra?: Bag): Bag;
    /** Those inputs through `check`, which must accept them. */
    checked(name: string, extra?: Bag): Promise<Bag>;
    /** The requests the server saw, as `METHOD path status`. */
    calls(): string[];
    /** The requests the server saw, as `METHOD path`. */
    sent(): string[];
    /** The name the POST of these checked inputs carries. */
    markedFor(inputs: Bag): string;
    /** Points the provider at the server with another key. */
    useKey(key: string): void;
}

/**
 * Runs `body` once per kind of tests/kinds/kind-cases.ts (every registered kind, then the test-only widget), each
 * against a server of its own started on port 0, emptied before every test, with the provider pointed at it.
 */
export function describeEachKind(title: string, body: (context: KindContext) => void): void {
    for (const table of kindCases) {
        describe(`${title}: ${table.kind.name}`, function () {
            let bench: KindBench | undefined;
            let refs: KindRefs = { ids: [] };
            const provider = buildProvider(table.kind, { kinds: table.kinds });
            const useKey = (key: string) => setStackSettings({ apiKey: key, baseUrl: bench!.url });

            before(async function () {
                bench = await table.start({ [devKey]: project, [prodKey]: otherProject });
            });

            after(async function () {
                setStackSettings({});
                await bench?.close();
            });

            beforeEach(function () {
                refs = bench!.reset(project);
                useKey(devKey);
            });

            const declared = (name: string, extra: Bag = {}): Bag => ({ ...table.valid(refs), name, ...extra });
            body({
                table,
                get bench() {
                    return bench!;
                },
                provider,
                get refs() {
                    return refs;
                },
                declared,
                async checked(name, extra) {
                    const outcome = await provider.check!({}, declared(name, extra));
                    assert.deepEqual(outcome.failures ?? [], []);
                    return outcome.inputs as Bag;
                },
                calls: () => bench!.requests().map((r) => `${r.method} ${r.path} ${r.status}`),
                sent: () => bench!.requests().map((r) => `${r.method} ${r.path}`),
                markedFor: (inputs) => markedName(String(inputs.name), parseCreateToken(inputs.__createToken)!.nonce),
                useKey,
            });
        });
    }
}
