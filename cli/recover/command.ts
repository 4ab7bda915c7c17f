import { setTimeout as delay } from "node:timers/promises";
import { existingJournal, readJournalEntry } from "../../provider/core/create-journal";
import { resolveSettings } from "../../provider/core/settings";
import { Transport } from "../../provider/core/transport";
import { listRules } from "../../provider/alert-rule/endpoints";
import type { Rule } from "../../provider/alert-rule/response";
import { listChannels } from "../../provider/notification-channel/endpoints";
import type { Channel } from "../../provider/notification-channel/response";
import { planRecovery, type Decision, type HeldObject, type PendingCreate } from "./plan";
import { PulumiCli } from "./pulumi-cli";
import { applyDecisions, managed, pendingCreates } from "./state-edit";

export interface RecoverOptions {
    cwd: string;
    stack: string | undefined;
    /** Run `pulumi cancel` first: the interrupted update still holds the stack's lock. */
    cancel: boolean;
    dryRun: boolean;
    /** How long requests of the killed update may still be in flight (see `settle` below). */
    waitSeconds: number;
    /** Resource name or URN → id, for creates the evidence cannot settle. */
    assign: ReadonlyMap<string, string>;
    /** Resource names or URNs whose pending create is to be dropped by hand. */
    discard: readonly string[];
    baseUrl: string | undefined;
    /** The Pulumi CLI to run; `pulumi` from PATH by default. */
    pulumiCommand?: string;
}

/**
 * `hookstream-pulumi recover`: after an `up` was killed, records each create hookstream carried out in the stack and
 * drops the ones it did not, so the next `up` neither duplicates nor orphans anything (docs/recovery.md). Returns the
 * exit code: 0 when every pending create was resolved, 1 when some need a decision by hand.
 */
export async function recover(options: RecoverOptions, print: (line: string) => void): Promise<number> {
    const pulumi = new PulumiCli({ cwd: options.cwd, stack: options.stack, command: options.pulumiCommand });
    if (options.cancel && !options.dryRun) {
        await pulumi.cancel().then(
            () => print("removed the interrupted update's lock (pulumi cancel)"),
            (error: unknown) => print(`pulumi cancel: ${(error as Error).message.split("\n").pop()}; going on`),
        );
    }
    const state = await pulumi.exportState();
    const pending = pendingCreates(state);
    if (pending.length === 0) {
        print("no pending creates of pulumi-hookstream resources: nothing to recover");
        return 0;
    }
    print(`${pending.length} pending create(s) of pulumi-hookstream resources`);

    const settings = resolveSettings({
        apiKey: await pulumi.config("hookstream:apiKey"),
        baseUrl: options.baseUrl ?? (await pulumi.config("hookstream:baseUrl")),
    });
    const api = new Transport(settings);
    let [channels, rules] = await Promise.all([listChannels(api), listRules(api)]);
    const { ids: known, envIds } = managed(state);
    const projects = new Set([...channels, ...rules].map((object) => object.envId).filter(isString));
    if (envIds.size > 0 && ![...projects].some((project) => envIds.has(project))) {
        throw new Error(
            `this stack's resources live in hookstream project ${[...envIds].join(", ")}, but the API key in use ` +
                (projects.size > 0 ? `belongs to ${[...projects].join(", ")}` : "sees no channel or alert rule") +
                ". Nothing was changed: use the stack's own key (hookstream:apiKey or HOOKSTREAM_API_KEY).",
        );
    }

    const objects = new Map<string, Channel | Rule>([...channels, ...rules].map((object) => [object.id, object]));
    const held: HeldObject[] = [
        ...channels.map((c) => heldObject("NotificationChannel", c, c.channelType)),
        ...rules.map((r) => heldObject("AlertRule", r, r.ruleType)),
    ];
    const journal = existingJournal();
    const decisions = planRecovery({
        pending,
        held,
        known,
        ...(journal && {
            journal: { machine: journal.machine, read: (nonce) => readJournalEntry(journal.dir, nonce) },
        }),
        assigned: byUrn(pending, options.assign),
        discarded: new Set(byUrn(pending, new Map(options.discard.map((name) => [name, ""]))).keys()),
    });
    for (const decision of decisions) print(describe(decision));

    const changes = decisions.filter((decision) => decision.action !== "unresolved");
    if (changes.length > 0 && !options.dryRun) {
        await pulumi.importState(applyDecisions(state, decisions, objects));
        print(`recorded in the stack: ${changes.length} resolved; run \`pulumi up\` next`);
    } else if (options.dryRun) {
        print("dry run: the stack was not changed");
    }
    const unresolved = decisions.filter((decision) => decision.action === "unresolved");
    if (unresolved.length === 0) return 0;
    print(
        `${unresolved.length} pending create(s) left as they are. Do not run \`pulumi up\` before deciding each: ` +
            "rerun with `--assign <resource>=<id>` for an object that is this stack's, or `--discard <resource>` when " +
            "none is (the next `up` then creates it).",
    );
    return 1;
}

function heldObject(kind: HeldObject["kind"], object: Channel | Rule, type: string): HeldObject {
    return {
        kind,
        id: object.id,
        name: object.name,
        type,
        ...(object.createdAt === undefined ? {} : { createdAt: object.createdAt }),
    };
}

/** A map keyed by resource name or URN, re-keyed by the URN of the pending create it names. */
function byUrn(pending: readonly PendingCreate[], given: ReadonlyMap<string, string>): Map<string, string> {
    const result = new Map<string, string>();
    for (const [name, value] of given) {
        const matches = pending.filter((p) => p.urn === name || p.urn.endsWith(`::${name}`));
        if (matches.length !== 1) {
            throw new Error(
                matches.length === 0
                    ? `no pending create is named ${name}`
                    : `${name} names several pending creates: give the URN`,
            );
        }
        result.set(matches[0]!.urn, value);
    }
    return result;
}

function describe(decision: Decision): string {
    const name = decision.pending.urn.split("::").pop();
    const what = `${name} (${decision.pending.kind})`;
    switch (decision.action) {
        case "settle":
            return `  recorded   ${what} as ${decision.object.id}: ${decision.because}`;
        case "drop":
            return `  dropped    ${what}, the next \`up\` creates it: ${decision.because}`;
        case "unresolved":
            return (
                `  undecided  ${what}: ${decision.because}` +
                (decision.candidates.length > 0
                    ? ` (${decision.candidates.map((c) => `${c.id} "${c.name}" made ${c.createdAt ?? "?"}`).join(", ")})`
                    : "")
            );
    }
}

function isString(value: unknown): value is string {
    return typeof value === "string";
}
