import { z } from "zod";
import type { Page } from "../../provider/core/pagination";
import { pageQuery } from "../../provider/core/pagination";
import type { ResourceKind } from "../../provider/core/resource-kind";
import { expected, resourceId, singleLineText } from "../../provider/core/schema-messages";
import type { Transport } from "../../provider/core/transport";
import { isUnknown } from "../../provider/core/unknowns";
import { envelopedResponse, pageResponse } from "../../provider/core/wire-response";
import { widgetShapes } from "./widget-server";

/**
 * A test-only resource kind, the widget, served by tests/support/widget-server.ts. It is described with the same
 * `ResourceKind` type as the real kinds and touches nothing else: the generic suites in tests/kinds/ run it beside
 * the registered kinds, which is what proves that a kind is its descriptor and nothing more.
 */

export interface WidgetInput {
    name: string;
    enabled: boolean;
    size: number;
    /** Chooses the widget; PATCH cannot change it, so a change replaces the widget. */
    shape: "round" | "square";
    adopt?: string;
    __urn?: string;
    __createToken?: string;
}

export interface WidgetOutputs extends Omit<WidgetInput, "adopt"> {
    envId?: string;
    createdAt?: string;
    updatedAt?: string;
}

export interface Widget {
    id: string;
    envId?: string;
    name: string;
    enabled: boolean;
    size: number;
    shape: string;
    createdAt?: string;
    updatedAt?: string;
}

export interface WidgetPatch {
    name?: string;
    enabled?: boolean;
    size?: number;
}

const common = {
    name: singleLineText("name", 80),
    enabled: z.boolean({ error: expected("enabled", "true or false") }).default(true),
    size: z
        .number({ error: expected("size", "a whole number") })
        .int({ error: "size must be a whole number" })
        .min(1, { error: "size must be at least 1" })
        .max(100, { error: "size must be at most 100" }),
    adopt: resourceId("adopt", "wg_1a2b…").optional(),
};

const widgetInputSchema = z.strictObject({
    shape: z.enum(widgetShapes, { error: `shape must be one of ${widgetShapes.map((s) => `"${s}"`).join(", ")}` }),
    ...common,
}) as unknown as z.ZodType<WidgetInput, unknown>;

const widgetWire = z
    .object({
        id: z.string(),
        env_id: z.string().optional(),
        name: z.string(),
        enabled: z.boolean(),
        size: z.number(),
        shape: z.string(),
        created_at: z.string().optional(),
        updated_at: z.string().optional(),
    })
    .transform((wire): Widget => ({
        id: wire.id,
        envId: wire.env_id,
        name: wire.name,
        enabled: wire.enabled,
        size: wire.size,
        shape: wire.shape,
        createdAt: wire.created_at,
        updatedAt: wire.updated_at,
    }));

const widgetResponse = envelopedResponse("widget", widgetWire);
const widgetPageResponse = pageResponse("widgets", widgetWire);
const item = (id: string) => `/widgets/${encodeURIComponent(id)}`;

function diffWidget(olds: Partial<WidgetOutputs> | Widget, news: WidgetInput): string[] {
    const changed: string[] = [];
    if (isUnknown(news.shape) || olds.shape !== news.shape) changed.push("shape");
    if (olds.name !== news.name) changed.push("name");
    if ((olds.enabled ?? true) !== news.enabled) changed.push("enabled");
    if (olds.size !== news.size) changed.push("size");
    return changed;
}

/** Drops undefined values: the host turns outputs into a protobuf Struct, which rejects them. */
function defined<T extends object>(value: T): T {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export const widgetKind: ResourceKind<WidgetInput, WidgetOutputs, Widget, WidgetPatch> = {
    name: "Widget",
    label: "widget",
    tokens: { dynamic: "pulumi-nodejs:dynamic/hookstream:Widget", native: "hookstream:index:Widget" },
    inputRules: {
        schema: widgetInputSchema,
        discriminator: { key: "shape", schemaWithoutIt: z.strictObject({ shape: z.unknown(), ...common }) },
        replaceOnChange: ["shape"],
        argumentNames: ["name", "enabled", "size", "shape", "adopt"],
        nestedHint: "for a widget",
        defaults: { enabled: true },
    },
    endpoints: {
        listPage: (api: Transport, options): Promise<Page<Widget>> =>
            api.send("GET", `/widgets${pageQuery(options)}`, undefined, widgetPageResponse),
        get: (api, id) => api.send("GET", item(id), undefined, widgetResponse),
        create: (api, declared, name) =>
            api.send("POST", "/widgets", { name, size: declared.size, shape: declared.shape }, widgetResponse),
        update: (api, id, patch) => api.send("PATCH", item(id), patch, widgetResponse),
        delete: async (api, id) => {
            await api.send("DELETE", item(id), undefined, undefined);
        },
    },
    toOutputs: (declared, held) =>
        defined({
            name: declared.name,
            enabled: held?.enabled ?? declared.enabled,
            size: declared.size,
            shape: declared.shape,
            __urn: declared.__urn,
            __createToken: declared.__createToken,
            envId: held?.envId,
            createdAt: held?.createdAt,
            updatedAt: held?.updatedAt,
        }),
    toInputs: (observed, stored) =>
        defined({
            name: observed.name,
            enabled: observed.enabled,
            size: observed.size,
            shape: observed.shape as WidgetInput["shape"],
            __urn: stored.__urn,
            __createToken: stored.__createToken,
        }),
    diff: diffWidget,
    patch(current, declared) {
        const changed = diffWidget(current, declared);
        const patch: WidgetPatch = {};
        if (changed.includes("name")) patch.name = declared.name;
        if (changed.includes("enabled")) patch.enabled = declared.enabled;
        if (changed.includes("size")) patch.size = declared.size;
        return patch;
    },
};
