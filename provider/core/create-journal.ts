import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as fsp from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A note on this machine's disk of each create: written before its POST ("intent") and once hookstream answered with
 * the id ("created"). The name marker (create-token.ts) covers a create until the id is known; this note covers the
 * moment after, when the name is already final and the engine has not yet saved the id. `hookstream-pulumi recover`
 * reads it when it runs on the machine whose `up` was interrupted. Writing it never fails a create.
 *
 * The provider host has one thread: notes are written through fs/promises, and a create waits for its own note only,
 * never for another's or for the pruning. `check` (so `pulumi preview`) writes nothing: see `journalMachineId`.
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
/** Beyond this many notes the oldest go, though never one younger than `alwaysKeptForMs`. */
const keptAtMost = 10_000;
/** A recovery run the day of the interrupted `up` always finds its notes, however many creates came after. */
const alwaysKeptForMs = day;

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

const prepared = new Map<string, Promise<boolean>>();

/**
 * Once per process and directory, before its first note: the directory, and the machine id the tokens carry, on disk.
 * Starts the pruning. False when the directory cannot be written: the tokens issued from then on carry "none".
 */
function prepare(dir: string): Promise<boolean> {
    let ready = prepared.get(dir);
    if (ready === undefined) {
        ready = makeReady(dir);
        prepared.set(dir, ready);
    }
    return ready;
}

async function makeReady(dir: string): Promise<boolean> {
    const machine = machineOf(dir);
    try {
        await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
        if (!machine.onDisk) {
            // Two processes may race to make it: the first one written wins, and both read it back.
            await fsp.writeFile(machineIdFile(dir), machine.id, { flag: "wx" }).catch(() => {});
            const written = validMachineId(await fsp.readFile(machineIdFile(dir), "utf8"));
            if (written === undefined) throw new Error("no machine id");
            machines.set(dir, { id: written, onDisk: true });
        }
    } catch {
        machines.set(dir, { id: "none", onDisk: false });
        return false;
    }
    pruning.set(dir, pruneJournal(dir));
    return true;
}

function entryFile(dir: string, nonce: string): string {
    return path.join(dir, `${nonce}.json`);
}

/** Before the POST: this create is about to be sent. Resolves once the note is written (or could not be). */
export function noteIntent(nonce: string, urn: string | undefined): Promise<void> {
    return write(nonce, urn === undefined ? {} : { urn });
}

/** After the POST: hookstream stored it under `id`. Resolves once the note is written (or could not be). */
export function noteCreated(nonce: string, urn: string | undefined, id: string): Promise<void> {
    return write(nonce, { ...(urn === undefined ? {} : { urn }), id });
}

async function write(nonce: string, entry: JournalEntry): Promise<void> {
    const dir = journalDir();
    if (dir === undefined) return;
    try {
        if (!(await prepare(dir))) return;
        // write(2) alone: a killed process loses nothing already written; only the machine going down could.
        await fsp.writeFile(entryFile(dir, nonce), JSON.stringify(entry), { mode: 0o600 });
    } catch {
        // A read-only home or a full disk: the recovery then relies on the name marker alone.
    }
}

/** What the journal in `dir` knows of the create with this nonce; undefined when it never heard of it. */
export function readJournalEntry(dir: string, nonce: string): JournalEntry | undefined {
    let text: string;
    try {
        text = fs.readFileSync(entryFile(dir, nonce), "utf8");
    } catch {
        return undefined;
    }
    try {
        const parsed = JSON.parse(text) as Record<string, unknown>;
        const entry: JournalEntry = {};
        if (typeof parsed.urn === "string") entry.urn = parsed.urn;
        if (typeof parsed.id === "string") entry.id = parsed.id;
        return entry;
    } catch {
        // Cut short by a kill while writing the "created" note over the intent: the intent is all that is certain.
        return {};
    }
}

const pruning = new Map<string, Promise<void>>();

/** The pruning this process started in `dir` with its first note; settled at once when it started none. */
export function journalPruned(dir: string): Promise<void> {
    return pruning.get(dir) ?? Promise.resolve();
}

/**
 * Bounds the directory: notes older than 30 days go, and the oldest beyond the newest 10,000 unless younger than a
 * day. It reads the whole directory, so it runs once per process, in the background of the creates: one file
 * operation at a time, so that it holds at most one of the threads the creates' own notes are written on.
 */
export async function pruneJournal(dir: string, limits: { now?: number; keep?: number } = {}): Promise<void> {
    const now = limits.now ?? Date.now();
    const keep = limits.keep ?? keptAtMost;
    const remove = (file: string) => fsp.rm(file, { force: true }).catch(() => {});
    const kept: { file: string; mtimeMs: number }[] = [];
    try {
        for await (const entry of await fsp.opendir(dir)) {
            if (!entry.name.endsWith(".json")) continue;
            const file = path.join(dir, entry.name);
            const stat = await fsp.stat(file).catch(() => undefined);
            if (stat === undefined) continue;
            if (stat.mtimeMs < now - keptForMs) await remove(file);
            else kept.push({ file, mtimeMs: stat.mtimeMs });
        }
    } catch {
        return; // the directory went away: nothing to bound
    }
    if (kept.length <= keep) return;
    kept.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const { file, mtimeMs } of kept.slice(0, kept.length - keep)) {
        if (mtimeMs < now - alwaysKeptForMs) await remove(file);
    }
}

/** This machine's journal as a recovery reads it, without making one: undefined when there is none. */
export function existingJournal(): { dir: string; machine: string } | undefined {
    const dir = journalDir();
    const machineId = dir === undefined ? undefined : readMachineId(dir);
    return dir === undefined || machineId === undefined ? undefined : { dir, machine: machineId };
}
