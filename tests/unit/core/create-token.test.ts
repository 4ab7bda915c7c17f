import assert from "node:assert/strict";
import { z } from "zod";
import { checkInputs } from "../../../provider/core/check";
import {
    bearsMarker,
    formatCreateToken,
    issueCreateToken,
    markedName,
    markerIn,
    newCreateToken,
    parseCreateToken,
    type CreateToken,
} from "../../../provider/core/create-token";

const token: CreateToken = { nonce: "0123456789abcdef", issuedAt: Date.parse("2026-03-04T05:06:07Z") };
const urn = "urn:pulumi:dev::alerting::pulumi-nodejs:dynamic/hookstream:NotificationChannel::ops";
/** The nonce earlier builds (which hashed the URN with the replaced token, none for a first create) gave this URN. */
const earlierNonce = "cd2c2c25795d6f86";

describe("create tokens", () => {
    describe("formatCreateToken and parseCreateToken", () => {
        it("writes the nonce and issuedAt in base 36, separated by a dot", () => {
            assert.equal(formatCreateToken(token), `0123456789abcdef.${token.issuedAt.toString(36)}`);
        });

        it("reads back exactly what it wrote", () => {
            assert.deepEqual(parseCreateToken(formatCreateToken(token)), token);
            assert.deepEqual(parseCreateToken(formatCreateToken({ ...token, issuedAt: 0 })), { ...token, issuedAt: 0 });
        });

        it("reads the tokens of versions that added a journal's machine id, without it", () => {
            assert.deepEqual(parseCreateToken(`${formatCreateToken(token)}.a1b2c3d4e5f6`), token);
            assert.deepEqual(parseCreateToken(`${formatCreateToken(token)}.none`), token);
        });

        const malformed: [string, unknown][] = [
            ["a number", 42],
            ["undefined", undefined],
            ["an empty string", ""],
            ["a nonce one digit short", "0123456789abcde.mx1m8q0d"],
            ["an upper-case nonce", "0123456789ABCDEF.mx1m8q0d"],
            ["no issuedAt", "0123456789abcdef"],
            ["a fourth part", "0123456789abcdef.mx1m8q0d.none.x"],
            ["a machine with a dash", "0123456789abcdef.mx1m8q0d.my-host"],
            ["an issuedAt past the safe integers", `0123456789abcdef.${"z".repeat(12)}`],
        ];
        for (const [what, text] of malformed) {
            it(`rejects ${what}`, () => {
                assert.equal(parseCreateToken(text), undefined);
            });
        }
    });

    describe("newCreateToken", () => {
        it("issues a well-formed token at the given time", () => {
            const issued = parseCreateToken(issueCreateToken(urn, 1_700_000_000_000));
            assert.ok(issued, "the issued token parses");
            assert.equal(issued.issuedAt, 1_700_000_000_000);
            assert.match(issued.nonce, /^[0-9a-f]{16}$/);
        });

        it("gives every attempt at a resource's first create the same nonce, whenever it is issued", () => {
            assert.equal(newCreateToken(urn, 1).nonce, newCreateToken(urn, 2).nonce);
        });

        it("gives another stack's resource of the same name another nonce", () => {
            const otherStack = urn.replace("urn:pulumi:dev::", "urn:pulumi:prod::");
            assert.notEqual(newCreateToken(otherStack).nonce, newCreateToken(urn).nonce);
        });

        it("keeps the nonces earlier versions gave a resource's first create", () => {
            // Objects an earlier build left marked are still found by the next attempt.
            assert.equal(newCreateToken(urn).nonce, earlierNonce);
        });

        it("without a URN, draws a random nonce (nothing could recognise an earlier attempt)", () => {
            const nonces = new Set(Array.from({ length: 50 }, () => newCreateToken(undefined).nonce));
            assert.equal(nonces.size, 50);
        });
    });

    describe("issued by check", () => {
        const rules = {
            schema: z.strictObject({ name: z.string(), type: z.string() }),
            replaceOnChange: ["type"],
            argumentNames: ["name", "type"],
            nestedHint: "",
            defaults: {},
        };
        const tokenOf = (outcome: ReturnType<typeof checkInputs>) =>
            parseCreateToken(outcome.ok ? (outcome.inputs as Record<string, unknown>).__createToken : undefined);

        it("a create's is drawn from the URN, the same in every check", () => {
            const first = tokenOf(checkInputs({ name: "ops", type: "a", __urn: urn }, rules));
            const again = tokenOf(checkInputs({ name: "ops", type: "a", __urn: urn }, rules));
            assert.equal(first?.nonce, newCreateToken(urn).nonce);
            assert.equal(again?.nonce, first?.nonce);
        });

        it("a replacement's is issued anew, with the URN's nonce; an update keeps its token", () => {
            const olds = { name: "ops", type: "a", __urn: urn, __createToken: formatCreateToken(token) };
            const replaced = tokenOf(checkInputs({ name: "ops", type: "b", __urn: urn }, rules, olds));
            assert.equal(replaced?.nonce, newCreateToken(urn).nonce);
            assert.notEqual(replaced?.issuedAt, token.issuedAt);
            const updated = checkInputs({ name: "renamed", type: "a", __urn: urn }, rules, olds);
            assert.ok(updated.ok);
            assert.equal((updated.inputs as Record<string, unknown>).__createToken, olds.__createToken);
        });

        it("hands on the resource class's request to finish the create after the save, and nothing else of it", () => {
            const asked = checkInputs({ name: "ops", type: "a", __urn: urn, __finishAfterSave: true }, rules);
            assert.ok(asked.ok);
            assert.equal((asked.inputs as Record<string, unknown>).__finishAfterSave, true);
            const notAsked = checkInputs({ name: "ops", type: "a", __urn: urn }, rules);
            assert.ok(notAsked.ok);
            assert.equal("__finishAfterSave" in notAsked.inputs, false);
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
