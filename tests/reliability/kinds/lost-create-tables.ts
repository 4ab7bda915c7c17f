import { resourceKinds } from "../../../provider/resources";
import { alertRuleLostCreate } from "./alert-rule";
import type { LostCreateTable } from "./lost-create-table";
import { channelLostCreate } from "./notification-channel";

const tables: Record<string, LostCreateTable> = {
    [channelLostCreate.kindName]: channelLostCreate,
    [alertRuleLostCreate.kindName]: alertRuleLostCreate,
};

/** Every registered kind's lost-create table, in the registry's order; a kind without one fails the suite at load. */
export const lostCreateTables: readonly LostCreateTable[] = resourceKinds.map((kind) => {
    const table = tables[kind.name];
    if (table === undefined) throw new Error(`tests/reliability/kinds has no lost-create table for ${kind.name}`);
    return table;
});
