import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
    journalDir,
    journalMachineId,
    journalPruned,
    noteCreated,
    noteIntent,
    pruneJournal,
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
        it("notes the intent before the POST, then the id once created", async () => {
            await noteIntent("0123456789abcdef", urn);
            assert.deepEqual(readJournalEntry(dir, "0123456789abcdef"), { urn });
            await noteCreated("0123456789abcdef", urn, "nc_1");
            assert.deepEqual(readJournalEntry(dir, "0123456789abcdef"), { urn, id: "nc_1" });
        });

        it("notes a create without a URN", async () => {
            await noteIntent("1111111111111111", undefined);
            assert.deepEqual(readJournalEntry(dir, "1111111111111111"), {});
            await noteCreated("1111111111111111", undefined, "ar_2");
            assert.deepEqual(readJournalEntry(dir, "1111111111111111"), { id: "ar_2" });
        });

        it("keeps its notes readable by their owner alone", async () => {
            await noteIntent("2222222222222222", urn);
            const logs = fs.readdirSync(dir).filter((name) => name.endsWith(".log"));
            assert.equal(logs.length, 1);
            assert.equal(fs.statSync(path.join(dir, logs[0]!)).mode & 0o777, 0o600);
        });

        it("reads a note a kill cut short as no note, and the intent before it as the intent", async () => {
            await noteIntent("2323232323232323", urn);
            const log = fs.readdirSync(dir).find((name) => name.endsWith(".log"))!;
            fs.appendFileSync(path.join(dir, log), `{"nonce":"2323232323232323","urn":"${urn}","id":"nc_`);
            assert.deepEqual(readJournalEntry(dir, "2323232323232323"), { urn });
        });

        it("reads the notes of every process's log", async () => {
            await noteCreated("2424242424242424", urn, "nc_24");
            fs.writeFileSync(path.join(dir, "other-process.log"), `{"nonce":"2525252525252525","id":"nc_25"}\n`);
            assert.deepEqual(readJournalEntry(dir, "2424242424242424"), { urn, id: "nc_24" });
            assert.deepEqual(readJournalEntry(dir, "2525252525252525"), { id: "nc_25" });
        });

        it("reads a note file of an earlier version cut short while writing as the intent alone", () => {
            fs.writeFileSync(path.join(dir, "3333333333333333.json"), `{"urn":"${urn}","id":"nc_`);
            assert.deepEqual(readJournalEntry(dir, "3333333333333333"), {});
        });

        it("knows nothing of a create it never noted", async () => {
            await noteIntent("4444444444444444", urn);
            assert.equal(readJournalEntry(dir, "5555555555555555"), undefined);
        });

        it("drops entries older than 30 days after its first write to a directory, and keeps newer ones", async () => {
            const old = path.join(dir, "6666666666666666.json");
            const recent = path.join(dir, "7777777777777777.json");
            for (const file of [old, recent]) fs.writeFileSync(file, "{}");
            const day = 24 * 60 * 60;
            const now = Date.now() / 1000;
            fs.utimesSync(old, now - 31 * day, now - 31 * day);
            fs.utimesSync(recent, now - 29 * day, now - 29 * day);
            await noteIntent("8888888888888888", urn);
            await journalPruned(dir);
            assert.equal(fs.existsSync(old), false);
            assert.equal(fs.existsSync(recent), true);
        });

        it("never fails a create when the directory cannot be written, and issues no machine id after", async () => {
            const blocked = path.join(dir, "a-file");
            fs.writeFileSync(blocked, "");
            process.env.HOOKSTREAM_CREATE_JOURNAL = blocked;
            await noteIntent("9999999999999999", urn);
            await noteCreated("9999999999999999", urn, "nc_9");
            assert.equal(journalMachineId(), "none");
        });
    });

    describe("pruneJournal", () => {
        const hour = 60 * 60;
        const now = Date.now();
        const noteAged = (nonce: string, ageSeconds: number) => {
            const file = path.join(dir, `${nonce}.json`);
            fs.writeFileSync(file, "{}");
            fs.utimesSync(file, now / 1000 - ageSeconds, now / 1000 - ageSeconds);
            return file;
        };

        it("drops the oldest notes beyond the limit, and keeps the newest and the machine id", async () => {
            fs.writeFileSync(path.join(dir, "machine-id"), "0a1b2c3d4e5f");
            const files = [6, 5, 4, 3, 2].map((days, i) => noteAged(String(i).repeat(16), days * 24 * hour));
            await pruneJournal(dir, { now, keepNotes: 3 });
            assert.deepEqual(
                files.map((file) => fs.existsSync(file)),
                [false, false, true, true, true],
            );
            assert.equal(fs.existsSync(path.join(dir, "machine-id")), true);
        });

        it("keeps notes younger than a day beyond the limit", async () => {
            const files = [5, 4, 3, 2, 1].map((hours, i) => noteAged(String(i).repeat(16), hours * hour));
            await pruneJournal(dir, { now, keepNotes: 3 });
            assert.deepEqual(
                files.map((file) => fs.existsSync(file)),
                [true, true, true, true, true],
            );
        });

        it("drops the oldest logs beyond the size limit, and never this process's own", async () => {
            const logs = [6, 5, 4, 3].map((days, i) => {
                const file = path.join(dir, `${i}.log`);
                fs.writeFileSync(file, "x".repeat(100));
                fs.utimesSync(file, now / 1000 - days * 24 * hour, now / 1000 - days * 24 * hour);
                return file;
            });
            await noteIntent("2626262626262626", urn);
            await journalPruned(dir);
            const own = fs.readdirSync(dir).filter((name) => name.endsWith(".log") && !/^\d\.log$/.test(name));
            await pruneJournal(dir, { now, keepBytes: 250 });
            assert.deepEqual(
                logs.map((file) => fs.existsSync(file)),
                [false, false, true, true],
            );
            assert.equal(own.length, 1);
            assert.equal(fs.existsSync(path.join(dir, own[0]!)), true);
        });

        it("does nothing to a directory that does not exist", async () => {
            await assert.doesNotReject(pruneJournal(path.join(dir, "missing")));
        });
    });

    describe('"off"', () => {
        it("writes nothing and has no machine id", async () => {
            process.env.HOOKSTREAM_CREATE_JOURNAL = "off";
            await noteIntent("aaaaaaaaaaaaaaaa", urn);
            await noteCreated("aaaaaaaaaaaaaaaa", urn, "nc_a");
            assert.equal(journalMachineId(), "none");
            assert.deepEqual(fs.readdirSync(dir), []);
            assert.equal(fs.existsSync(path.join(process.cwd(), "off")), false, "not a directory named off");
        });
    });

    describe("journalMachineId", () => {
        it("makes an id once, gives the same one after, and writes it with the first note", async () => {
            const id = journalMachineId();
            assert.match(id, /^[0-9a-z]{8,32}$/);
            assert.equal(journalMachineId(), id);
            assert.equal(fs.existsSync(path.join(dir, "machine-id")), false, "written by no check");
            await noteIntent("bbbbbbbbbbbbbbbb", urn);
            assert.equal(fs.readFileSync(path.join(dir, "machine-id"), "utf8"), id);
            assert.equal(journalMachineId(), id);
        });

        it("takes the id another process wrote between its check and its first note", async () => {
            const issued = journalMachineId();
            fs.writeFileSync(path.join(dir, "machine-id"), "0f1e2d3c4b5a");
            await noteIntent("cccccccccccccccc", urn);
            assert.notEqual(issued, "0f1e2d3c4b5a");
            assert.equal(journalMachineId(), "0f1e2d3c4b5a");
            assert.equal(fs.readFileSync(path.join(dir, "machine-id"), "utf8"), "0f1e2d3c4b5a");
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
