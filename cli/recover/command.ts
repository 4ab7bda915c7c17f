import * as fs from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { resolveSettings } from "../../provider/core/settings";
import { Transport } from "../../provider/core/transport";
import { discriminatorOf, listEveryObject, type HeldObject as Held } from "../../provider/core/resource-kind";
import { kindNamed, resourceKinds } from "../../provider/resources";
import { planRecovery, type Decision, type HeldObject, type PendingCreate } from "./plan";
import { PulumiCli } from "./pulumi-cli";
import { applyDecisions, managed, otherPendingCreates, pendingCreates, pendingFinishSteps } from "./state-edit";
import { fileBackendDir, tornSidecars } from "./torn-sidecars";

export interface RecoverOptions {
    cwd: string;
    stack: string | undefined;
    /** Run `pulumi cancel` first: the interrupted update still holds the stack's lock. */
    cancel: boolean;
    dryRun: boolean;
    /** Go on although pending creates of other providers would be cleared. */
    clearOthers: boolean;
    /** How long requests of the killed update may still be in flight: waited once before anything is dropped. */
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
    const torn = await repairFileBackend(pulumi, options, print);
    // The lock goes only once nothing is left that the next `up` could create twice: kept, it stops that `up`.
    const unlock = async () => {
        if (!options.cancel || options.dryRun) return;
        await pulumi.cancel().then(
            () => print("removed the interrupted update's lock (pulumi cancel)"),
            (error: unknown) => print(`pulumi cancel: ${(error as Error).message.split("\n").pop()}; going on`),
        );
    };
    const state = await pulumi.exportState().catch((error: unknown) => {
        // Only a torn sidecar of the checkpoint itself makes the stack unreadable (one beside its backup does not),
        // and a dry run leaves them all in place.
        if (torn.length === 0 || !options.dryRun) throw error;
        return undefined;
    });
    if (state === undefined) {
        print(
            "dry run: the stack cannot be read until those files are removed; `recover` without --dry-run does that first",
        );
        return 1;
    }
    const pending = pendingCreates(state);
    const finishing = pendingFinishSteps(state);
    if (pending.length === 0 && finishing.length === 0) {
        print("no pending creates of pulumi-hookstream resources: nothing to recover");
        await unlock();
        return 0;
    }
    /** Writes the state back with these decisions; every other pending create of ours is cleared with it. */
    const writeBack = async (decisions: readonly Decision[], objects: ReadonlyMap<string, Held>): Promise<number> => {
        const others = otherPendingCreates(state);
        if (others.length > 0 && !options.clearOthers) {
            print(
                `nothing was changed: the stack also has pending creates of other providers (${others.join(", ")}), ` +
                    "which writing the stack back would clear, as `pulumi refresh --clear-pending-creates` does. Settle " +
                    "them first (an interactive `pulumi refresh`), or rerun with --clear-others if they were never created.",
            );
            return 1;
        }
        if (options.dryRun) {
            print("dry run: the stack was not changed");
            return 0;
        }
        await unlock();
        await pulumi.importState(applyDecisions(state, decisions, objects));
        print(`recorded in the stack: ${decisions.length} pending create(s) resolved; run \`pulumi up\` next`);
        return 0;
    };
    if (finishing.length > 0) {
        print(`${finishing.length} pending finishing step(s): cleared, the next \`up\` runs them again`);
    }
    if (pending.length === 0) return writeBack([], new Map());
    print(`${pending.length} pending create(s) of pulumi-hookstream resources`);

    const settings = resolveSettings({
        apiKey: await pulumi.config("hookstream:apiKey"),
        baseUrl: options.baseUrl ?? (await pulumi.config("hookstream:baseUrl")),
    });
    const api = new Transport(settings);
    let held = await listProject(api);
    const { ids: known, envIds, byUrn } = managed(state);
    const recorded = new Map(pending.flatMap((p) => (byUrn.has(p.urn) ? [[p.urn, byUrn.get(p.urn)!] as const] : [])));
    const projects = new Set(held.map((object) => object.envId).filter(isString));
    if (envIds.size > 0 && ![...projects].some((project) => envIds.has(project))) {
        throw new Error(
            `this stack's resources live in hookstream project ${[...envIds].join(", ")}, but the API key in use ` +
                (projects.size > 0
                    ? `belongs to ${[...projects].join(", ")}`
                    : `sees no ${resourceKinds.map((kind) => kind.label).join(" or ")}`) +
                ". Nothing was changed: use the stack's own key (hookstream:apiKey or HOOKSTREAM_API_KEY).",
        );
    }

    const assigned = new Map([...options.assign].map(([resource, id]) => [urnOf(pending, resource), id]));
    const discarded = new Set(options.discard.map((resource) => urnOf(pending, resource)));
    const plan = (objects: readonly ListedObject[]) =>
        planRecovery({
            pending,
            held: objects.map(heldObject),
            known,
            recorded,
            assigned,
            discarded,
        });
    let decisions = plan(held);
    // A POST the killed update sent just before it died may still be carried out: hookstream can store it after
    // the first look. What is not settled yet is decided on a second look, once every such request is over.
    if (options.waitSeconds > 0 && decisions.some((decision) => decision.action !== "settle")) {
        print(`waiting ${options.waitSeconds} s for requests the interrupted update may still have in flight`);
        await delay(options.waitSeconds * 1000);
        held = await listProject(api);
        decisions = plan(held);
    }
    const objects = new Map<string, Held>(held.map((object) => [object.id, object]));
    for (const decision of decisions) print(describe(decision));

    // `pulumi stack import` clears every pending operation it is given: the state is written only when it holds no
    // pending create that would be lost that way.
    const unresolved = decisions.filter((decision) => decision.action === "unresolved");
    if (unresolved.length > 0) {
        print(
            `nothing was changed, the stack's lock included (an \`up\` now would create these again): ` +
                `${unresolved.length} pending create(s) need a decision first. Rerun with \`--assign <resource>=<id>\` ` +
                "for an object that is this stack's, or `--discard <resource>` when none is (the next `up` then creates it).",
        );
        return 1;
    }
    return writeBack(decisions, objects);
}

/**
 * Removes what a kill left that can make a file backend unreadable (torn-sidecars.ts), or in a dry run only names it.
 * Returns the files found.
 */
async function repairFileBackend(
    pulumi: PulumiCli,
    options: RecoverOptions,
    print: (line: string) => void,
): Promise<string[]> {
    const backendDir = fileBackendDir(await pulumi.backendUrl(), options.cwd);
    const torn = backendDir === undefined ? [] : tornSidecars(backendDir);
    if (torn.length === 0) return torn;
    const files = torn.join(", ");
    if (options.dryRun) {
        print(
            `dry run: the kill left empty metadata files, which make the files beside them unreadable, to be removed: ${files}`,
        );
        return torn;
    }
    for (const file of torn) fs.rmSync(file, { force: true });
    print(
        `removed empty metadata files the kill left in the file backend (they make the files beside them unreadable): ${files}`,
    );
    return torn;
}

/** An object hookstream lists, with the name of its kind. */
type ListedObject = Held & { kind: string; createdAt?: string } & Record<string, unknown>;

/** Everything of every registered kind in the key's project. */
async function listProject(api: Transport): Promise<ListedObject[]> {
    const lists = await Promise.all(
        resourceKinds.map(async (kind) =>
            (await listEveryObject(api, kind)).map((object) => ({ ...object, kind: kind.name }) as ListedObject),
        ),
    );
    return lists.flat();
}

function heldObject(object: ListedObject): HeldObject {
    const typeKey = discriminatorOf(kindNamed(object.kind));
    return {
        kind: object.kind,
        id: object.id,
        name: object.name,
        type: typeKey === undefined ? "" : String(object[typeKey]),
        ...(object.createdAt === undefined ? {} : { createdAt: object.createdAt }),
    };
}

/** The URN of the one pending create a resource name or URN names. */
function urnOf(pending: readonly PendingCreate[], resource: string): string {
    const matches = pending.filter((p) => p.urn === resource || p.urn.endsWith(`::${resource}`));
    if (matches.length === 1) return matches[0]!.urn;
    throw new Error(
        matches.length === 0
            ? `no pending create is named ${resource}`
            : `${resource} names several pending creates: give the URN`,
    );
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
