import { resourceKinds } from "../../../provider/resources";
import { alertRuleBadInput, alertRuleFaults, alertRuleLostCreate } from "./alert-rule";
import type { BadInputTable } from "./bad-input-table";
import type { FaultTable } from "./fault-table";
import type { LostCreateTable } from "./lost-create-table";
import { channelBadInput, channelFaults, channelLostCreate } from "./notification-channel";
import { widgetBadInput, widgetFaults, widgetLostCreate } from "./widget";

/**
 * Each registered kind's table, in the registry's order, then the test-only widget's. A registered kind without a
 * table fails the suite at load, naming it: a new kind adds its tables here.
 */
function forEveryKind<T extends { kind: { name: string } }>(suite: string, tables: readonly T[], widget: T): T[] {
    const registered = resourceKinds.map((kind) => {
        const table = tables.find((candidate) => candidate.kind.name === kind.name);
        if (table === undefined) throw new Error(`tests/reliability/kinds has no ${suite} table for ${kind.name}`);
        return table;
    });
    return [...registered, widget];
}

export const lostCreateTables: readonly LostCreateTable[] = forEveryKind<LostCreateTable>(
    "lost-create",
    [channelLostCreate, alertRuleLostCreate],
    widgetLostCreate,
);

export const faultTables: readonly FaultTable[] = forEveryKind<FaultTable>(
    "fault",
    [channelFaults, alertRuleFaults],
    widgetFaults,
);

export const badInputTables: readonly BadInputTable[] = forEveryKind<BadInputTable>(
    "bad-input",
    [channelBadInput, alertRuleBadInput],
    widgetBadInput,
);
