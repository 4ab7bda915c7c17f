import type { Bag } from "../../support/provider-host";
import { widgetKind } from "../../support/widget-kind";
import { widgetProviderText } from "../../support/widget-provider";
import { startWidgetServer, type WidgetServer } from "../../support/widget-server";
import { widgetCase } from "../../kinds/widget";
import type { BadInputTable } from "./bad-input-table";
import type { FaultTable } from "./fault-table";
import type { LostCreateTable } from "./lost-create-table";

/**
 * The test-only widget in the suites through the dynamic-provider host, against its own server
 * (tests/support/widget-server.ts): what a kind that is in no registry needs to run through them.
 */

const host = {
    kind: widgetKind,
    collection: "/v1/widgets",
    providerText: async () => widgetProviderText(),
    start: startWidgetServer,
};

/** A round widget and a square one. */
const widgets: Record<string, { name: string; shape: string; size: number }> = {
    round: { name: "lost-round", shape: "round", size: 3 },
    square: { name: "lost-square", shape: "square", size: 5 },
};

export const widgetLostCreate: LostCreateTable<WidgetServer> = {
    ...host,
    apiKey: "hs_test_" + "3".repeat(64),
    project: "widget-lost-create",
    declared: (variant) => ({ ...widgets[variant]! }),
    seed: (server, project, variant, _refs, overrides = {}) =>
        server.createWidget(project, { ...widgets[variant]!, ...overrides } as {
            name: string;
            size: number;
            shape: string;
        }).id,
    stored: (server, project) => server.widgets(project),
    echoed: ["size", "shape"],
    takeovers: [
        { fault: "lose-response", variant: "round" },
        { fault: "lose-response", variant: "square" },
        { fault: "malformed", variant: "round" },
        { fault: "empty", variant: "square" },
    ],
    picks: {
        disabled: "round",
        paged: "square",
        filler: "round",
        differing: "round",
        twoIdentical: "square",
        identicalBefore: "round",
        inFlight: "square",
        lookAlikeOnOtherPage: "round",
        finishFails: "square",
        dropped: "round",
        lookupFails: "square",
    },
    differingWire: { size: 99 },
    credentials: [],
};

export const widgetFaults: FaultTable<WidgetServer> = {
    ...host,
    apiKey: "hs_test_" + "4".repeat(64),
    project: "widget-faults",
    declare: (name, row, version) => ({
        shape: row % 2 === 0 ? "round" : "square",
        size: version === 1 ? 3 : 8,
        name: name + (version === 1 ? "" : "-v2"),
    }),
    sentStrings: () => [],
    invalidBody: () => "Invalid body: size must be an integer",
    notFound: "Widget not found",
    stored: (server, project) => server.widgets(project),
    remove: (server, id) => server.deleteWidget(id),
    heldAs: (server, project, name) =>
        server
            .widgets(project)
            .filter((widget) => widget.name.startsWith(name))
            .map((widget) => ({ name: widget.name, size: widget.size, shape: widget.shape, enabled: widget.enabled })),
    expectedHeld: (declared, enabled) => ({ name: declared.name, size: declared.size, shape: declared.shape, enabled }),
    credentials: [],
    timeouts: {
        project: "widget-timeouts",
        declared: () => ({ name: "timeout-post", shape: "round", size: 2, enabled: true }),
        seed: (server, project, name) => server.createWidget(project, { name, shape: "round", size: 2 }).id,
        patch: { size: 4 },
    },
};

export const widgetBadInput: BadInputTable<WidgetServer> = {
    ...host,
    apiKey: "hs_test_" + "5".repeat(64),
    project: "widget-bad-input",
    rows: widgetCase.badInputs,
    failuresWithin: "property",
    valid: [
        { name: "ok", shape: "round", size: 1 },
        { name: "ok", shape: "square", size: 100, enabled: false },
    ] satisfies Bag[],
};
