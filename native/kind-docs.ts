import * as fs from "node:fs";
import * as path from "node:path";
import type * as ts from "typescript";
import type { AnyResourceKind } from "../provider/core/resource-kind";
import { packageRoot } from "./schema-file";

/** What the schema says of one kind, taken from the TSDoc of its public TypeScript API. */
export interface KindDocs {
    /** The resource class's own comment. */
    resource?: string;
    /** Per argument or output: the comment on the public args field, else on the class's output field. */
    properties: Record<string, string>;
    /** Per field of the argument whose shape depends on the type (`config`): each type's comment on it. */
    configFields: Record<string, string>;
}

/**
 * Reads a kind's docs from the TypeScript sources of its folder (`provider/notification-channel/` for
 * `NotificationChannel`): the same comments TypeScript users see, so every SDK's docs come from one place. Only the
 * comment text is kept (no `@example`: it shows TypeScript). Needs the sources and the TypeScript compiler, which is
 * why the schema is generated in the repository and the plugin serves the committed file.
 */
export function readKindDocs(kind: AnyResourceKind, discriminatorValues: readonly string[]): KindDocs {
    const typescript = require("typescript") as typeof ts;
    const folder = path.join(packageRoot(), "provider", kind.name.replace(/(?<!^)([A-Z])/g, "-$1").toLowerCase());
    const members = new Map<string, Map<string, { doc: string; type: string }>>();
    let resource: string | undefined;
    for (const file of fs.readdirSync(folder).filter((name) => name.endsWith(".ts"))) {
        const source = typescript.createSourceFile(
            file,
            fs.readFileSync(path.join(folder, file), "utf8"),
            typescript.ScriptTarget.ES2022,
            true,
        );
        typescript.forEachChild(source, (node) => {
            if (typescript.isClassDeclaration(node) && node.name?.text === kind.name)
                resource = docOf(typescript, node);
            if (!typescript.isInterfaceDeclaration(node) && !typescript.isClassDeclaration(node)) return;
            const owner = node.name?.text ?? "";
            const fields = members.get(owner) ?? new Map<string, { doc: string; type: string }>();
            for (const member of node.members) {
                if (!member.name || !typescript.isIdentifier(member.name)) continue;
                const type = "type" in member && member.type ? (member.type as ts.TypeNode).getText(source) : "";
                fields.set(member.name.text, { doc: docOf(typescript, member) ?? "", type });
            }
            members.set(owner, fields);
        });
    }

    const properties: Record<string, string> = {};
    // Arguments first (interfaces), then outputs (the class), the first comment found winning.
    const owners = [...members.keys()].sort((a, b) => Number(a === kind.name) - Number(b === kind.name));
    for (const owner of owners) {
        for (const [name, { doc }] of members.get(owner)!) if (doc && !(name in properties)) properties[name] = doc;
    }
    return { resource, properties, configFields: configFieldDocs(members, discriminatorValues) };
}

/**
 * Each config field described by the types that have it, read through the interface that maps each discriminator
 * value to its config interface (`ChannelConfigs`: `webhook: WebhookConfig`).
 */
function configFieldDocs(
    members: Map<string, Map<string, { doc: string; type: string }>>,
    values: readonly string[],
): Record<string, string> {
    if (values.length === 0) return {};
    const configs = [...members.values()].find((fields) => values.every((value) => fields.has(value)));
    if (configs === undefined) return {};
    const byField = new Map<string, { value: string; doc: string }[]>();
    for (const value of values) {
        for (const [field, { doc }] of members.get(configs.get(value)!.type) ?? []) {
            if (doc) (byField.get(field) ?? byField.set(field, []).get(field)!).push({ value, doc });
        }
    }
    const fields: Record<string, string> = {};
    for (const [field, docs] of byField) {
        const distinct = new Set(docs.map((entry) => entry.doc));
        fields[field] =
            distinct.size === 1 ? docs[0]!.doc : docs.map((entry) => `\`${entry.value}\`: ${entry.doc}`).join("\n\n");
    }
    return fields;
}

function docOf(typescript: typeof ts, node: ts.Node): string | undefined {
    const comments = typescript.getJSDocCommentsAndTags(node).filter(typescript.isJSDoc);
    const text = comments.map((doc) => typescript.getTextOfJSDocComment(doc.comment) ?? "").join("\n");
    return text.trim() === "" ? undefined : text.replace(/\s*\n\s*/g, " ").trim();
}
