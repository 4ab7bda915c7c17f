import { widgetKind } from "../support/widget-kind";
import { startWidgetServer } from "../support/widget-server";
import type { Bag, KindBench, KindCase } from "./kind-case";

/** The test-only widget's table for the generic suites, against its own server (tests/support/widget-server.ts). */

const wire = (inputs: Bag) => ({
    name: String(inputs.name),
    size: Number(inputs.size),
    shape: String(inputs.shape),
    enabled: inputs.enabled === false ? false : true,
});

export const widgetCase: KindCase = {
    kind: widgetKind,
    kinds: [widgetKind],
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
        {
            title: "a missing size",
            inputs: { name: "w", shape: "round" },
            property: "size",
            reason: "size is required",
        },
        {
            title: "a fractional size",
            inputs: { name: "w", shape: "round", size: 1.5 },
            property: "size",
            reason: "whole number",
        },
        {
            title: "a size of zero",
            inputs: { name: "w", shape: "round", size: 0 },
            property: "size",
            reason: "at least 1",
        },
        {
            title: "a numeric name",
            inputs: { name: 7, shape: "round", size: 1 },
            property: "name",
            reason: "name must be a string",
        },
        {
            title: "a blank name",
            inputs: { name: "  ", shape: "round", size: 1 },
            property: "name",
            reason: "must not be blank",
        },
        {
            title: "an unknown shape",
            inputs: { name: "w", shape: "oval", size: 1 },
            property: "shape",
            reason: "shape must be one of",
        },
        {
            title: "an unknown argument",
            inputs: { name: "w", shape: "round", size: 1, colour: "red" },
            property: "colour",
            reason: "not a known argument",
        },
        {
            title: "a string enabled",
            inputs: { name: "w", shape: "round", size: 1, enabled: "yes" },
            property: "enabled",
            reason: "true or false",
        },
    ],
    sensitiveArguments: [],
    secrets: [],
};
