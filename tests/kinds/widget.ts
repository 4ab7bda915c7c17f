import { widgetKind } from "../support/widget-kind";
import { startWidgetServer } from "../support/widget-server";
import { widgetProviderText } from "../support/widget-provider";
import type { BadInputRow, Bag, KindBench, KindCase } from "./kind-case";

/** The test-only widget's table for the generic suites, against its own server (tests/support/widget-server.ts). */

const wire = (inputs: Bag) => ({
    name: String(inputs.name),
    size: Number(inputs.size),
    shape: String(inputs.shape),
    enabled: inputs.enabled === false ? false : true,
});

/** A widget that is valid but for `change`, which `check` must reject at `property` with `reason`. */
const bad = (title: string, change: Bag, property: string, reason: string): BadInputRow => ({
    title,
    inputs: { name: "w", shape: "round", size: 1, ...change },
    property,
    reason,
});

export const widgetCase: KindCase = {
    kind: widgetKind,
    kinds: [widgetKind],
    providerText: async () => widgetProviderText(),
    collection: "/v1/widgets",
    async start(apiKeys): Promise<KindBench> {
        const server = await startWidgetServer(apiKeys);
        return {
            url: server.url,
            requests: () => server.requests,
            resetRequests: () => server.resetRequests(),
            reset() {
                server.reset();
                return { ids: [] };
            },
            inject: (rule) => server.inject(rule),
            stored: (project) => server.widgets(project),
            seed: (project, inputs) => server.createWidget(project, wire(inputs)).id,
            seedElsewhere: (project) =>
                server.createWidget(project, { name: "elsewhere", size: 1, shape: "square" }).id,
            remove: (id) => server.deleteWidget(id),
            close: () => server.close(),
        };
    },
    valid: () => ({ shape: "round", size: 3 }),
    update: { change: { size: 7 }, patch: { size: 7 } },
    replacing: { change: { shape: "square" }, replaces: ["shape"] },
    badInputs: [
        bad("a missing size", { size: undefined }, "size", "size is required"),
        bad("a fractional size", { size: 1.5 }, "size", "whole number"),
        bad("a size of zero", { size: 0 }, "size", "at least 1"),
        bad("a numeric name", { name: 7 }, "name", "name must be a string"),
        bad("a blank name", { name: "  " }, "name", "must not be blank"),
        bad("an unknown shape", { shape: "oval" }, "shape", "shape must be one of"),
        bad("an unknown argument", { colour: "red" }, "colour", "not a known argument"),
        bad("a string enabled", { enabled: "yes" }, "enabled", "true or false"),
    ],
    sensitiveArguments: [],
    secrets: [],
};
