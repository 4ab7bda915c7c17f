import { resourceKinds } from "../../provider/resources";
import { alertRuleCase } from "./alert-rule";
import type { KindCase } from "./kind-case";
import { notificationChannelCase } from "./notification-channel";
import { widgetCase } from "./widget";

const tables: Record<string, KindCase> = {
    [notificationChannelCase.kind.name]: notificationChannelCase,
    [alertRuleCase.kind.name]: alertRuleCase,
};

/**
 * Every registered kind's table, in the registry's order, then the test-only widget. A registered kind without a
 * table fails every generic suite at load, naming it: a new kind adds its table here.
 */
export const kindCases: readonly KindCase[] = [
    ...resourceKinds.map((kind) => {
        const table = tables[kind.name];
        if (table === undefined) throw new Error(`tests/kinds has no table for the registered kind ${kind.name}`);
        return table;
    }),
    widgetCase,
];
