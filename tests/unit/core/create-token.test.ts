import assert from "node:assert/strict";
import {
    bearsMarker,
    formatCreateToken,
    issueCreateToken,
    markedName,
    markerIn,
    parseCreateToken,
    type CreateToken,
} from "../../../provider/core/create-token";
import { journalMachineId } from "../../../provider/core/create-journal";

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
