import { resourceKinds } from "../../../provider/resources";
import { alertRuleBadInput, alertRuleFaults, alertRuleLostCreate } from "./alert-rule";
import type { BadInputTable } from "./bad-input-table";
import type { FaultTable } from "./fault-table";
import type { LostCreateTable } from "./lost-create-table";
import { channelBadInput, channelFaults, channelLostCreate } from "./notification-channel";

/** Each registered kind's table, in the registry's order; a kind without one fails the suite at load, naming it. */
function forEveryKind<T extends { kindName: string }>(suite: string, tables: readonly T[]): T[] {
    return resourceKinds.map((kind) => {
        const table = tables.find((candidate) => candidate.kindName === kind.name);
        if (table === undefined) throw new Error(`tests/reliability/kinds has no ${suite} table for ${kind.name}`);
        return table;
    });
}

export const lostCreateTables: readonly LostCreateTable[] = forEveryKind("lost-create", [
    channelLostCreate,
    alertRuleLostCreate,
]);

export const faultTables: readonly FaultTable[] = forEveryKind("fault", [channelFaults, alertRuleFaults]);

export const badInputTables: readonly BadInputTable[] = forEveryKind("bad-input", [channelBadInput, alertRuleBadInput]);
