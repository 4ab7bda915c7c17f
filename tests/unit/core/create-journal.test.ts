import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    journalDir,
    journalMachineId,
    noteCreated,
    noteIntent,
    readJournalEntry,
} from "../../../provider/core/create-journal";

const urn = "urn:pulumi:dev::p::pulumi-nodejs:dynamic/hookstream:NotificationChannel::ops";

describe("the create journal", () => {
    const configured = process.env.HOOKSTREAM_CREATE_JOURNAL;
    let dir: string;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-journal-test-"));
        process.env.HOOKSTREAM_CREATE_JOURNAL = dir;
    });

    afterEach(() => {
        if (configured === undefined) delete process.env.HOOKSTREAM_CREATE_JOURNAL;
        else process.env.HOOKSTREAM_CREATE_JOURNAL = configured;
        fs.rmSync(dir, { recursive: true, force: true });
    });

    describe("journalDir", () => {
        it("is HOOKSTREAM_CREATE_JOURNAL when set", () => {
            assert.equal(journalDir({ HOOKSTREAM_CREATE_JOURNAL: "/var/tmp/creates" }), "/var/tmp/creates");
        });

        it('is none when HOOKSTREAM_CREATE_JOURNAL is "off"', () => {
            assert.equal(journalDir({ HOOKSTREAM_CREATE_JOURNAL: "off" }), undefined);
        });

        it("is ~/.pulumi-hookstream/creates when unset or empty", () => {
            const home = path.join(os.homedir(), ".pulumi-hookstream", "creates");
            assert.equal(journalDir({}), home);
            assert.equal(journalDir({ HOOKSTREAM_CREATE_JOURNAL: "" }), home);
        });
    });

    describe("entries", () => {
        it("notes the intent before the POST, then the id once created", () => {
            noteIntent("0123456789abcdef", urn);
            assert.deepEqual(readJournalEntry(dir, "0123456789abcdef"), { urn });
            noteCreated("0123456789abcdef", urn, "nc_1");
            assert.deepEqual(readJournalEntry(dir, "0123456789abcdef"), { urn, id: "nc_1" });
        });

        it("notes a create without a URN", () => {
            noteIntent("1111111111111111", undefined);
            assert.deepEqual(readJournalEntry(dir, "1111111111111111"), {});
            noteCreated("1111111111111111", undefined, "ar_2");
            assert.deepEqual(readJournalEntry(dir, "1111111111111111"), { id: "ar_2" });
        });

        it("keeps each entry readable by its owner alone", () => {
            noteIntent("2222222222222222", urn);
            assert.equal(fs.statSync(path.join(dir, "2222222222222222.json")).mode & 0o777, 0o600);
        });

        it("reads a file cut short while writing as the intent alone", () => {
            fs.writeFileSync(path.join(dir, "3333333333333333.json"), `{"urn":"${urn}","id":"nc_`);
            assert.deepEqual(readJournalEntry(dir, "3333333333333333"), {});
        });

        it("knows nothing of a create it never noted", () => {
            noteIntent("4444444444444444", urn);
            assert.equal(readJournalEntry(dir, "5555555555555555"), undefined);
        });

        it("drops entries older than 30 days on its first write to a directory, and keeps newer ones", () => {
            const old = path.join(dir, "6666666666666666.json");
            const recent = path.join(dir, "7777777777777777.json");
            for (const file of [old, recent]) fs.writeFileSync(file, "{}");
            const day = 24 * 60 * 60;
            const now = Date.now() / 1000;
            fs.utimesSync(old, now - 31 * day, now - 31 * day);
            fs.utimesSync(recent, now - 29 * day, now - 29 * day);
            noteIntent("8888888888888888", urn);
            assert.equal(fs.existsSync(old), false);
            assert.equal(fs.existsSync(recent), true);
        });

        it("never fails a create when the directory cannot be written", () => {
            const blocked = path.join(dir, "a-file");
            fs.writeFileSync(blocked, "");
            process.env.HOOKSTREAM_CREATE_JOURNAL = blocked;
            assert.doesNotThrow(() => noteIntent("9999999999999999", urn));
            assert.doesNotThrow(() => noteCreated("9999999999999999", urn, "nc_9"));
            assert.equal(journalMachineId(), "none");
        });
    });

    describe('"off"', () => {
        it("writes nothing and has no machine id", () => {
            process.env.HOOKSTREAM_CREATE_JOURNAL = "off";
            noteIntent("aaaaaaaaaaaaaaaa", urn);
            noteCreated("aaaaaaaaaaaaaaaa", urn, "nc_a");
            assert.equal(journalMachineId(), "none");
            assert.deepEqual(fs.readdirSync(dir), []);
            assert.equal(fs.existsSync(path.join(process.cwd(), "off")), false, "not a directory named off");
        });
    });

    describe("journalMachineId", () => {
        it("makes an id once and gives the same one after", () => {
            const id = journalMachineId();
            assert.match(id, /^[0-9a-z]{8,32}$/);
            assert.equal(journalMachineId(), id);
            assert.equal(fs.readFileSync(path.join(dir, "machine-id"), "utf8"), id);
        });

        it("reads back the id of a journal it used before, and makes another for another journal", () => {
            const first = journalMachineId();
            const other = fs.mkdtempSync(path.join(os.tmpdir(), "hookstream-journal-test-"));
            try {
                process.env.HOOKSTREAM_CREATE_JOURNAL = other;
                const second = journalMachineId();
                assert.notEqual(second, first);
                process.env.HOOKSTREAM_CREATE_JOURNAL = dir;
                assert.equal(journalMachineId(), first);
            } finally {
                fs.rmSync(other, { recursive: true, force: true });
            }
        });

        it("keeps an id another process wrote first", () => {
            fs.writeFileSync(path.join(dir, "machine-id"), "0a1b2c3d4e5f\n");
            assert.equal(journalMachineId(), "0a1b2c3d4e5f");
        });
    });
});
