import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * A note on this machine's disk of each create: written before its POST ("intent") and once hookstream answered with
 * the id ("created"). The name marker (create-token.ts) covers a create until the id is known; this note covers the
 * moment after, when the name is already final and the engine has not yet saved the id. `hookstream-pulumi recover`
 * reads it when it runs on the machine whose `up` was interrupted. Writing it never fails a create.
 *
 * HOOKSTREAM_CREATE_JOURNAL moves it (a directory) or turns it off ("off").
 */

export interface JournalEntry {
    urn?: string;
    /** Present once hookstream answered the POST. */
    id?: string;
}

const keptForMs = 30 * 24 * 60 * 60_000;

export function journalDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
    const configured = env.HOOKSTREAM_CREATE_JOURNAL;
    if (configured === "off") return undefined;
    if (configured !== undefined && configured !== "") return configured;
    return path.join(os.homedir(), ".pulumi-hookstream", "creates");
}

let machine: { dir: string | undefined; id: string } | undefined;

/** A random id for this journal, made on first use; "none" when there is no journal to write to. */
export function journalMachineId(): string {
    const dir = journalDir();
    if (machine !== undefined && machine.dir === dir) return machine.id;
    const id = dir === undefined ? "none" : readOrMakeMachineId(dir);
    machine = { dir, id };
    return id;
}

function machineIdFile(dir: string): string {
    return path.join(dir, "machine-id");
}

/** The machine id a journal directory holds; undefined when it has none (yet). */
function readMachineId(dir: string): string | undefined {
    try {
        const id = fs.readFileSync(machineIdFile(dir), "utf8").trim();
        return /^[0-9a-z]{8,32}$/.test(id) ? id : undefined;
    } catch {
        return undefined;
    }
}

function readOrMakeMachineId(dir: string): string {
    const existing = readMachineId(dir);
    if (existing !== undefined) return existing;
    try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Two processes may race to make it: the first one written wins, and both read it back.
        fs.writeFileSync(machineIdFile(dir), randomBytes(6).toString("hex"), { flag: "wx" });
    } catch {
        // made by another process just now, or the directory is not writable
    }
    return readMachineId(dir) ?? "none";
}

function entryFile(dir: string, nonce: string): string {
    return path.join(dir, `${nonce}.json`);
}

/** Before the POST: this create is about to be sent. */
export function noteIntent(nonce: string, urn: string | undefined): void {
    write(nonce, urn === undefined ? {} : { urn });
}

/** After the POST: hookstream stored it under `id`. */
export function noteCreated(nonce: string, urn: string | undefined, id: string): void {
    write(nonce, { ...(urn === undefined ? {} : { urn }), id });
}

function write(nonce: string, entry: JournalEntry): void {
    const dir = journalDir();
    if (dir === undefined) return;
    try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        // write(2) alone: a killed process loses nothing already written; only the machine going down could.
        fs.writeFileSync(entryFile(dir, nonce), JSON.stringify(entry), { mode: 0o600 });
        pruneOnce(dir);
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

const pruned = new Set<string>();

/** Once per process: notes older than 30 days go; a recovery that late has other evidence or none. */
function pruneOnce(dir: string): void {
    if (pruned.has(dir)) return;
    pruned.add(dir);
    const cutoff = Date.now() - keptForMs;
    for (const name of fs.readdirSync(dir)) {
        if (!name.endsWith(".json")) continue;
        const file = path.join(dir, name);
        try {
            if (fs.statSync(file).mtimeMs < cutoff) fs.rmSync(file, { force: true });
        } catch {
            // gone already
        }
    }
}

/** This machine's journal as a recovery reads it, without making one: undefined when there is none. */
export function existingJournal(): { dir: string; machine: string } | undefined {
    const dir = journalDir();
    const machineId = dir === undefined ? undefined : readMachineId(dir);
    return dir === undefined || machineId === undefined ? undefined : { dir, machine: machineId };
}
