import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { z } from "zod";
import { checkInputs } from "../../../provider/core/check";
import {
    bearsMarker,
    formatCreateToken,
    issueCreateToken,
    markedName,
    markerIn,
    parseCreateToken,
    type CreateToken,
} from "../../../provider/core/create-token";
import { journalMachineId, noteIntent, readJournalEntry } from "../../../provider/core/create-journal";

const token: CreateToken = {
    nonce: "0123456789abcdef",
    issuedAt: Date.parse("2026-03-04T05:06:07Z"),
    machine: "a1b2c3d4e5f6",
};

describe("create tokens", () => {
    describe("formatCreateToken and parseCreateToken", () => {
        it("writes nonce, issuedAt in base 36 and machine, separated by dots", () => {
            assert.equal(formatCreateToken(token), `0123456789abcdef.${token.issuedAt.toString(36)}.a1b2c3d4e5f6`);
        });

        it("reads back exactly what it wrote", () => {
            assert.deepEqual(parseCreateToken(formatCreateToken(token)), token);
            const none = { ...token, machine: "none", issuedAt: 0 };
            assert.deepEqual(parseCreateToken(formatCreateToken(none)), none);
        });

        const malformed: [string, unknown][] = [
            ["a number", 42],
            ["undefined", undefined],
            ["an empty string", ""],
            ["a nonce one digit short", "0123456789abcde.mx1m8q0d.none"],
            ["an upper-case nonce", "0123456789ABCDEF.mx1m8q0d.none"],
            ["no machine", "0123456789abcdef.mx1m8q0d"],
            ["a fourth part", "0123456789abcdef.mx1m8q0d.none.x"],
            ["a machine with a dash", "0123456789abcdef.mx1m8q0d.my-host"],
            ["an issuedAt past the safe integers", `0123456789abcdef.${"z".repeat(12)}.none`],
        ];
        for (const [what, text] of malformed) {
            it(`rejects ${what}`, () => {
                assert.equal(parseCreateToken(text), undefined);
            });
        }
    });

    describe("issueCreateToken", () => {
        it("issues a well-formed token at the given time for this machine's journal", () => {
            const issued = parseCreateToken(issueCreateToken(1_700_000_000_000));
            assert.ok(issued, "the issued token parses");
            assert.equal(issued.issuedAt, 1_700_000_000_000);
            assert.equal(issued.machine, journalMachineId());
            assert.match(issued.nonce, /^[0-9a-f]{16}$/);
        });

        it("gives every token a nonce of its own", () => {
            const nonces = new Set(Array.from({ length: 50 }, () => parseCreateToken(issueCreateToken())!.nonce));
            assert.equal(nonces.size, 50);
        });
    });

    describe("in a fresh HOME with the default journal", () => {
        const saved = { home: process.env.HOME, journal: process.env.HOOKSTREAM_CREATE_JOURNAL };
        let home: string;

        beforeEach(() => {
            home = fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-home-"));
            process.env.HOME = home;
            delete process.env.HOOKSTREAM_CREATE_JOURNAL;
        });

        afterEach(() => {
            for (const [name, value] of [
                ["HOME", saved.home],
                ["HOOKSTREAM_CREATE_JOURNAL", saved.journal],
            ] as const) {
                if (value === undefined) delete process.env[name];
                else process.env[name] = value;
            }
            fs.rmSync(home, { recursive: true, force: true });
        });

        const rules = {
            schema: z.strictObject({ name: z.string() }),
            replaceOnChange: [],
            argumentNames: ["name"],
            nestedHint: "",
            defaults: {},
        };

        it("a check issues a token and writes no file (pulumi preview)", () => {
            const outcome = checkInputs({ name: "ops" }, rules);
            assert.ok(outcome.ok);
            const token = parseCreateToken((outcome.inputs as Record<string, unknown>).__createToken);
            assert.match(token?.machine ?? "", /^[0-9a-z]{8,32}$/);
            assert.deepEqual(fs.readdirSync(home, { recursive: true }), []);
        });

        it("the first create's note writes the machine id the check's token carries", async () => {
            const outcome = checkInputs({ name: "ops" }, rules);
            assert.ok(outcome.ok);
            const token = parseCreateToken((outcome.inputs as Record<string, unknown>).__createToken)!;
            await noteIntent(token.nonce, undefined);
            const journal = path.join(home, ".pulumi-hookstream", "creates");
            assert.equal(fs.readFileSync(path.join(journal, "machine-id"), "utf8"), token.machine);
            assert.deepEqual(readJournalEntry(journal, token.nonce), {});
        });
    });

    describe("markedName", () => {
        it("puts the nonce after the declared name", () => {
            assert.equal(markedName("ops alerts", token.nonce), "ops alerts [creating 0123456789abcdef]");
        });

        it("shortens a long name so the marked one stays within 255 characters, marker whole", () => {
            for (const length of [255 - 28, 255 - 27, 255, 1000]) {
                const marked = markedName("n".repeat(length), token.nonce);
                assert.ok(marked.length <= 255, `${marked.length} characters for a ${length}-character name`);
                assert.ok(bearsMarker(marked, token.nonce));
                assert.equal(markerIn(marked), token.nonce);
            }
            assert.equal(markedName("n".repeat(227), token.nonce).length, 255);
        });
    });

    describe("bearsMarker and markerIn", () => {
        const marked = markedName("ops alerts", token.nonce);

        it("recognise the marker of this nonce", () => {
            assert.equal(bearsMarker(marked, token.nonce), true);
            assert.equal(markerIn(marked), token.nonce);
        });

        it("tell another create's marker apart", () => {
            assert.equal(bearsMarker(markedName("ops alerts", "fedcba9876543210"), token.nonce), false);
            assert.equal(markerIn(markedName("ops alerts", "fedcba9876543210")), "fedcba9876543210");
        });

        it("find no marker in the declared name, a look-alike or a marker not at the end", () => {
            for (const name of [
                "ops alerts",
                "ops alerts [creating]",
                `${marked} (copy)`,
                "[creating 0123456789abcdef]",
            ]) {
                assert.equal(bearsMarker(name, token.nonce), false, name);
                assert.equal(markerIn(name), undefined, name);
            }
        });
    });
});
