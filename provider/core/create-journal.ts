import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

/**
 * A note on this machine's disk of each create: written before its POST ("intent") and once hookstream answered with
 * the id ("created"). The name marker (create-token.ts) covers a create until the id is known; this note covers the
 * moment after, when the name is already final and the engine has not yet saved the id. `hookstream-pulumi recover`
 * reads it when it runs on the machine whose `up` was interrupted. Writing it never fails a create.
 *
 * The provider host has one thread, and a create waits for its own notes: each is one line appended to the process's
 * log with one write(2), off the event loop, and nothing else is on the create's way (no file made per create, no
 * listing). `check` (so `pulumi preview`) writes nothing: see `journalMachineId`.
 *
 * HOOKSTREAM_CREATE_JOURNAL moves it (a directory) or turns it off ("off").
 */

export interface JournalEntry {
    urn?: string;
    /** Present once hookstream answered the POST. */
    id?: string;
}

const day = 24 * 60 * 60_000;
/** Older notes go: a recovery that late has other evidence or none. */
const keptForMs = 30 * day;
/** Beyond the notes of this many creates the oldest go, though never one younger than `alwaysKeptForMs`. */
const keptAtMost = 10_000;
/** A recovery run the day of the interrupted `up` always finds its notes, however many creates came after. */
const alwaysKeptForMs = day;
/** What a create's two notes take in a log, about: the bound on the logs' size. */
const bytesPerCreate = 300;

/** Each process that creates appends its notes, one JSON line each, to a log of its own. */
const logSuffix = ".log";
/** A note of its own: what versions before the logs wrote, still read and pruned. */
const noteSuffix = ".json";

export function journalDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const configured = env.HOOKSTREAM_CREATE_JOURNAL;
    if (configured === "off") return undefined;
    if (configured !== undefined && configured !== "") return configured;
    return path.join(os.homedir(), ".pulumi-hookstream", "creates");
}

/** A journal's machine id as this process knows it: `onDisk` once the directory's machine-id file holds it. */
interface MachineId {
    id: string;
    onDisk: boolean;
}

const machines = new Map<string, MachineId>();

/**
 * The id create tokens carry for this machine's journal; "none" when there is no journal to write to. It only reads:
 * a journal without one gets a random id in memory, which the first note writes before its POST is sent. Should
 * another process write a different id first, theirs is used from then on, and the few tokens already issued here
 * name a journal that is not this machine's: `recover` treats those creates as made elsewhere (docs/recovery.md).
 */
export function journalMachineId(): string {
    const dir = journalDir();
    return dir === undefined ? "none" : machineOf(dir).id;
}

function machineOf(dir: string): MachineId {
    let machine = machines.get(dir);
    if (machine === undefined) {
        const existing = readMachineId(dir);
        machine =
            existing === undefined
                ? { id: randomBytes(6).toString("hex"), onDisk: false }
                : { id: existing, onDisk: true };
        machines.set(dir, machine);
    }
    return machine;
}

function machineIdFile(dir: string): string {
    return path.join(dir, "machine-id");
}

/** The machine id a journal directory holds; undefined when it has none (yet). */
function readMachineId(dir: string): string | undefined {
    try {
        return validMachineId(fs.readFileSync(machineIdFile(dir), "utf8"));
    } catch {
        return undefined;
    }
}

function validMachineId(text: string): string | undefined {
    const id = text.trim();
    return /^[0-9a-z]{8,32}$/.test(id) ? id : undefined;
}

// The callback API rather than fs/promises': the same system calls off the event loop, without a FileHandle's cost.
const writeFile = promisify(fs.writeFile);
const openFile = promisify(fs.open);
const writeTo = promisify(fs.write);

/** This process's log in one journal directory, and the notes waiting to be appended to it. */
interface Log {
    fd: number;
    waiting: { line: string; written: () => void }[];
    writing: boolean;
}

const logs = new Map<string, Promise<Log | undefined>>();

/**
 * Once per process and directory, before its first note: the directory, the machine id the tokens carry, and this
 * process's log, opened for appending. Starts the pruning. Undefined when the directory cannot be written: the tokens
 * issued from then on carry "none".
 */

function logOf(dir: string): Promise<Log | undefined> {
    let log = logs.get(dir);
    if (log === undefined) {
        log = openLog(dir);
        logs.set(dir, log);
    }
    return log;
}

async function openLog(dir: string): Promise<Log | undefined> {
    const machine = machineOf(dir);
    let fd: number;
    try {
        await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
        if (!machine.onDisk) {
            // Two processes may race to make it: the first one written wins, and both read it back.
            await writeFile(machineIdFile(dir), machine.id, { flag: "wx" }).catch(() => {});
            const written = validMachineId(await fsp.readFile(machineIdFile(dir), "utf8"));
            if (written === undefined) throw new Error("no machine id");
            machines.set(dir, { id: written, onDisk: true });
        }
        fd = await openFile(path.join(dir, ownLogName), "a", 0o600);
    } catch {
        machines.set(dir, { id: "none", onDisk: false });
        return undefined;
    }
    pruning.set(dir, pruneJournal(dir));
    return { fd, waiting: [], writing: false };
}

/** This process's log: one per process that creates, so no other writer shares it. */
const ownLogName = `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString("hex")}${logSuffix}`;

/** Before the POST: this create is about to be sent. Resolves once the note is written (or could not be). */
export function noteIntent(nonce: string, urn: string | undefined): Promise<void> {
    return write({ nonce, ...(urn === undefined ? {} : { urn }) });
}

/** After the POST: hookstream stored it under `id`. Resolves once the note is written (or could not be). */
export function noteCreated(nonce: string, urn: string | undefined, id: string): Promise<void> {
    return write({ nonce, ...(urn === undefined ? {} : { urn }), id });
}

async function write(note: JournalEntry & { nonce: string }): Promise<void> {
    const dir = journalDir();
    if (dir === undefined) return;
    const log = await logOf(dir);
    if (log === undefined) return;
    await new Promise<void>((resolve) => {
        log.waiting.push({ line: `${JSON.stringify(note)}\n`, written: resolve });
        if (!log.writing) void flush(log);
    });
}

/**
 * Appends the notes waiting, all those that arrived during one write(2) together in the next: concurrent creates
 * share a write instead of each waking a thread of its own. A killed process loses nothing already written (only the
 * machine going down could), and a note cut short by a kill is a line the reader skips.
 */
async function flush(log: Log): Promise<void> {
    log.writing = true;
    while (log.waiting.length > 0) {
        const batch = log.waiting.splice(0);
        try {
            await writeTo(log.fd, batch.map((note) => note.line).join(""));
        } catch {
            // A full disk: the recovery then relies on the name marker alone.
        }
        for (const note of batch) note.written();
    }
    log.writing = false;
}

/**
 * What the journal in `dir` knows of the create with this nonce; undefined when it never heard of it. The logs are
 * read once and read again only when one of them changed.
 */
export function readJournalEntry(dir: string, nonce: string): JournalEntry | undefined {
    return readOneNoteFile(dir, nonce) ?? readLogs(dir).get(nonce);
}

/** A note as versions before the logs wrote it: a file of its own, `<nonce>.json`. */
function readOneNoteFile(dir: string, nonce: string): JournalEntry | undefined {
    let text: string;
    try {
        text = fs.readFileSync(path.join(dir, `${nonce}${noteSuffix}`), "utf8");
    } catch {
        return undefined;
    }
    // Cut short by a kill while writing the "created" note over the intent: the intent is all that is certain.
    return toEntry(text) ?? {};
}

function toEntry(text: string): (JournalEntry & { nonce?: string }) | undefined {
    let parsed: Record<string, unknown>;
    try {
        parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
        return undefined;
    }
    const entry: JournalEntry & { nonce?: string } = {};
    if (typeof parsed.nonce === "string") entry.nonce = parsed.nonce;
    if (typeof parsed.urn === "string") entry.urn = parsed.urn;
    if (typeof parsed.id === "string") entry.id = parsed.id;
    return entry;
}

let readCache: { dir: string; signature: string; entries: Map<string, JournalEntry> } | undefined;

function readLogs(dir: string): Map<string, JournalEntry> {
    let names: string[];
    try {
        names = fs.readdirSync(dir).filter((name) => name.endsWith(logSuffix));
    } catch {
        return new Map();
    }
    const files = names.map((name) => {
        const file = path.join(dir, name);
        return { file, size: fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0 };
    });
    const signature = files.map(({ file, size }) => `${file}:${size}`).join("\n");
    if (readCache?.dir === dir && readCache.signature === signature) return readCache.entries;
    const entries = new Map<string, JournalEntry>();
    for (const { file } of files) {
        let text: string;
        try {
            text = fs.readFileSync(file, "utf8");
        } catch {
            continue;
        }
        for (const line of text.split("\n")) {
            const { nonce, ...entry } = toEntry(line) ?? {};
            // The "created" note comes after the intent and says more; a line a kill cut short says nothing.
            if (nonce !== undefined && entry.id === undefined) entries.set(nonce, { ...entry, ...entries.get(nonce) });
            else if (nonce !== undefined) entries.set(nonce, entry);
        }
    }
    readCache = { dir, signature, entries };
    return entries;
}

const pruning = new Map<string, Promise<void>>();

/** The pruning this process started in `dir` with its first note; settled at once when it started none. */
export function journalPruned(dir: string): Promise<void> {
    return pruning.get(dir) ?? Promise.resolve();
}

/**
 * Bounds the directory: files whose newest note is older than 30 days go, and the oldest beyond about the newest
 * 10,000 creates unless younger than a day. It reads the whole directory, so it runs once per process, in the
 * background of the creates: one file operation at a time, so that it holds at most one of the threads the notes are
 * written on. This process's own log is never removed.
 */
export async function pruneJournal(
    dir: string,
    limits: { now?: number; keepNotes?: number; keepBytes?: number } = {},
): Promise<void> {
    const now = limits.now ?? Date.now();
    const keepNotes = limits.keepNotes ?? keptAtMost;
    const keepBytes = limits.keepBytes ?? keptAtMost * bytesPerCreate;
    const remove = (file: string) => fsp.rm(file, { force: true }).catch(() => {});
    const kept: { file: string; mtimeMs: number; size: number; isLog: boolean }[] = [];
    try {
        for await (const entry of await fsp.opendir(dir)) {
            const isLog = entry.name.endsWith(logSuffix);
            if ((!isLog && !entry.name.endsWith(noteSuffix)) || entry.name === ownLogName) continue;
            const file = path.join(dir, entry.name);
            const stat = await fsp.stat(file).catch(() => undefined);
            if (stat === undefined) continue;
            if (stat.mtimeMs < now - keptForMs) await remove(file);
            else kept.push({ file, mtimeMs: stat.mtimeMs, size: stat.size, isLog });
        }
    } catch {
        return; // the directory went away: nothing to bound
    }
    kept.sort((a, b) => b.mtimeMs - a.mtimeMs);
    let notes = 0;
    let bytes = 0;
    for (const { file, mtimeMs, size, isLog } of kept) {
        if (isLog) bytes += size;
        else notes += 1;
        if ((notes > keepNotes || bytes > keepBytes) && mtimeMs < now - alwaysKeptForMs) await remove(file);
    }
}

/** This machine's journal as a recovery reads it, without making one: undefined when there is none. */
export function existingJournal(): { dir: string; machine: string } | undefined {
    const dir = journalDir();
    const machineId = dir === undefined ? undefined : readMachineId(dir);
    return dir === undefined || machineId === undefined ? undefined : { dir, machine: machineId };
}
