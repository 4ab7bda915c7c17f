import { z } from "zod";
import { defineKind } from "../../emulator/define-kind";
import { expected, toParsed } from "../../emulator/parse";
import type { Parsed } from "../../emulator/parsed";
import { ProjectStore, type KindFields, type ProjectRecord } from "../../emulator/project-store";
import { renderTimestamp, type ResponseShape } from "../../emulator/shapes";

/**
 * A resource hookstream does not have, served only in tests: it shows what a new kind writes to be served (this file)
 * and that nothing else in `emulator/` changes for it. A widget has a name, a size and, like an alert rule, ids of
 * channels of its project.
 */
export interface StoredWidget extends ProjectRecord {
    name: string;
    size: number;
    channel_ids: string[];
}

type WidgetFields = KindFields<StoredWidget>;

const fields = {
    name: z.string({ error: expected("a string") }).min(1, { error: "must not be empty" }),
    size: z.number({ error: expected("a whole number") }).int({ error: "must be a whole number" }),
    channel_ids: z.array(z.string({ error: expected("a string") }), { error: expected("a list of channel ids") }),
};
const NewWidget = z.strictObject(
    { name: fields.name, size: fields.size.optional(), channel_ids: fields.channel_ids.optional() },
    { error: "expected a JSON object" },
);
const WidgetChange = z.strictObject(
    { name: fields.name.optional(), size: fields.size.optional(), channel_ids: fields.channel_ids.optional() },
    { error: "expected a JSON object" },
);
type WidgetChange = z.output<typeof WidgetChange>;

function parseNewWidget(body: unknown): Parsed<WidgetFields> {
    const parsed = toParsed(NewWidget.safeParse(body));
    if (!parsed.success) return parsed;
    const { name, size = 1, channel_ids = [] } = parsed.data;
    return { success: true, data: { name, size, channel_ids } };
}

class WidgetStore extends ProjectStore<StoredWidget> {
    create(project: string, id: string, input: WidgetFields): StoredWidget {
        return this.insert(project, id, input);
    }

    update(widget: StoredWidget, change: WidgetChange): StoredWidget {
        if (change.name !== undefined) widget.name = change.name;
        if (change.size !== undefined) widget.size = change.size;
        if (change.channel_ids !== undefined) widget.channel_ids = change.channel_ids;
        return this.touch(widget);
    }
}

function renderWidget(widget: StoredWidget, shape: ResponseShape): Record<string, unknown> {
    const { project: _project, created_at, updated_at, ...rest } = widget;
    return {
        ...rest,
        created_at: renderTimestamp(created_at, shape),
        updated_at: renderTimestamp(updated_at, shape),
    };
}

export const widgetsKind = defineKind({
    name: "widgets",
    noun: "widget",
    path: "widgets",
    idPrefix: "wg",
    createStore: (organization) => new WidgetStore(organization),
    validate: {
        create: parseNewWidget,
        seed: parseNewWidget,
        update: (body) => toParsed(WidgetChange.safeParse(body)),
    },
    wire: {
        listKey: "widgets",
        itemKey: "widget",
        render: renderWidget,
        renderResponse: (widget, shape) => ({ widget: renderWidget(widget, shape) }),
    },
    references: {
        kind: "channels",
        field: "channel_ids",
        idsOf: (widget) => widget.channel_ids ?? [],
        report: { referrer: "widgetId", referenced: "channelId" },
    },
    methods: (context) => ({
        widgets: (project?: string) => context.list(project),
        createWidget: (project: string, input: { name: string; size?: number; channel_ids?: string[] }) =>
            context.create("createWidget", project, input),
    }),
});
