import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { configureFromStack } from "../provider/core/connection";
import { diffOf, type AnyKindProvider } from "../provider/core/kind-provider";
import type { AnyResourceKind } from "../provider/core/resource-kind";
import { resolveSettings } from "../provider/core/settings";
import { isUnknown } from "../provider/core/unknowns";
import { isHookstreamError } from "../provider/core/errors";
import { providers } from "../provider/providers";
import { kindOfToken } from "../provider/resources";
import { detailedChanges, type DiffKind } from "./detailed-diff";
import { toServiceError } from "./grpc-error";
import { autonamedArgument } from "./native-arguments";
import { readSchemaText } from "./schema-file";
import { secretPathsOf, type PropertyPath } from "./secret-paths";
import { unwrapSecrets, wrapSecrets, type Bag } from "./secret-values";
import { configKeys, stackConfigOf } from "./stack-config";

type Handler<Req, Res> = (request: Req) => Promise<Res>;

/**
 * Pulumi's ResourceProvider service for the native `hookstream` package. Every resource call goes to the provider
 * `core` built for the kind the type token names (provider/providers.ts), the same objects the dynamic-provider host
 * runs: this file only translates between the engine's messages and those providers. Secrets arrive wrapped and are
 * unwrapped for the providers; whatever arrived secret, and whatever the kind keeps secret (secret-paths.ts), leaves
 * wrapped. Unknowns at preview arrive as the same sentinel string the providers already understand (core/unknowns.ts).
 */
export function createProviderService(version: string) {
    return {
        getPluginInfo: unary(async () => new pluginproto.PluginInfo().setVersion(version)),

        getSchema: unary(async (request: provproto.GetSchemaRequest) => {
            if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
            return new provproto.GetSchemaResponse().setSchema(readSchemaText());
        }),

        checkConfig: unary(async (request: provproto.CheckRequest) => {
            const news = structOf(request.getNews());
            const response = new provproto.CheckResponse().setInputs(toStruct(news));
            const baseUrl = unwrapSecrets(news).values.baseUrl;
            if (typeof baseUrl === "string" && baseUrl.trim() !== "" && !isUnknown(baseUrl)) {
                try {
                    // Only the URL is judged here: the key may still come from the environment at run time.
                    resolveSettings({ apiKey: "-", baseUrl }, {});
                } catch (error) {
                    response.setFailuresList([failure("baseUrl", (error as Error).message)]);
                }
            }
            return response;
        }),

        diffConfig: unary(async (request: provproto.DiffRequest) => {
            const olds = unwrapSecrets(structOf(request.getOldInputs() ?? request.getOlds())).values;
            const news = unwrapSecrets(structOf(request.getNews())).values;
            const changed = configKeys.filter((key) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]));
            return diffResponse(changed, [], olds, news);
        }),

        configure: unary(async (request: provproto.ConfigureRequest) => {
            const args = request.getArgs()?.toJavaScript() as Bag | undefined;
            await configureFromStack(stackConfigOf(request.getVariablesMap(), args));
            return new provproto.ConfigureResponse()
                .setAcceptsecrets(true)
                .setAcceptresources(false)
                .setAcceptoutputs(false)
                .setSupportspreview(false);
        }),

        check: unary(async (request: provproto.CheckRequest) => {
            const { kind, provider } = kindOf(request.getType(), request.getUrn());
            const olds = unwrapSecrets(structOf(request.getOlds()));
            const news = unwrapSecrets(structOf(request.getNews()));
            const declared: Bag = { ...news.values, __urn: request.getUrn() };
            // An omitted name is the resource's name, as the dynamic resource classes default it.
            if (declared[autonamedArgument] === undefined) declared[autonamedArgument] = resourceNameOf(request);
            const result = await provider.check!(olds.values, declared);
            const response = new provproto.CheckResponse().setInputs(
                toStruct(outgoing(kind, result.inputs as Bag, news.secretPaths)),
            );
            response.setFailuresList((result.failures ?? []).map((f) => failure(f.property, f.reason)));
            return response;
        }),

        diff: unary(async (request: provproto.DiffRequest) => {
            const { kind } = kindOf(request.getType(), request.getUrn());
            const olds = unwrapSecrets(structOf(request.getOlds())).values;
            const news = unwrapSecrets(structOf(request.getNews())).values;
            const { changed, replaces } = diffOf(kind, olds, news);
            return diffResponse(changed, replaces, olds, news);
        }),

        create: unary(async (request: provproto.CreateRequest) => {
            const { kind, provider } = kindOf(request.getType(), request.getUrn());
            const inputs = unwrapSecrets(structOf(request.getProperties()));
            const result = await partialSuccess(kind, inputs.secretPaths, () => provider.create(inputs.values));
            return new provproto.CreateResponse()
                .setId(result.id)
                .setProperties(toStruct(outgoing(kind, result.outs as Bag, inputs.secretPaths)));
        }),

        read: unary(async (request: provproto.ReadRequest) => {
            const { kind, provider } = kindOf(request.getType(), request.getUrn());
            const properties = unwrapSecrets(structOf(request.getProperties()));
            const inputs = unwrapSecrets(structOf(request.getInputs()));
            // A refresh sends the stored outputs; an import sends nothing but the id.
            const stored = Object.keys(properties.values).length > 0 ? properties : inputs;
            const secretPaths = [...properties.secretPaths, ...inputs.secretPaths];
            const result = await provider.read!(request.getId(), stored.values);
            const response = new provproto.ReadResponse();
            // No id: hookstream no longer has the object (the project guard confirmed it), and the engine drops it.
            if (result.id === undefined) return response;
            response.setId(result.id).setProperties(toStruct(outgoing(kind, result.props as Bag, secretPaths)));
            if (result.inputs) response.setInputs(toStruct(outgoing(kind, result.inputs as Bag, secretPaths)));
            return response;
        }),

        update: unary(async (request: provproto.UpdateRequest) => {
            const { kind, provider } = kindOf(request.getType(), request.getUrn());
            const olds = unwrapSecrets(structOf(request.getOlds()));
            const news = unwrapSecrets(structOf(request.getNews()));
            const secretPaths = [...olds.secretPaths, ...news.secretPaths];
            const result = await partialSuccess(kind, secretPaths, () =>
                provider.update!(request.getId(), olds.values, news.values),
            );
            return new provproto.UpdateResponse().setProperties(
                toStruct(outgoing(kind, (result.outs ?? {}) as Bag, secretPaths)),
            );
        }),

        delete: unary(async (request: provproto.DeleteRequest) => {
            const { provider } = kindOf(request.getType(), request.getUrn());
            const properties = unwrapSecrets(structOf(request.getProperties())).values;
            await provider.delete!(request.getId(), properties);
            return new emptyproto.Empty();
        }),

        // Each call carries its own deadline (core/deadline.ts); nothing is left running to stop.
        cancel: unary(async () => new emptyproto.Empty()),
    } satisfies Partial<IResourceProviderServer>;
}

/** Runs a handler and answers with its result, or with the error the engine shows for it. */
function unary<Req, Res>(handler: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
    return (call, callback) => {
        handler(call.request).then(
            (response) => callback(null, response),
            (error: unknown) => {
                // An error of ours states itself; anything else is a fault of this host, whose stack goes to the
                // engine's log (provider stderr), never to the user's terminal.
                if (!isHookstreamError(error)) console.error(error instanceof Error ? error.stack : String(error));
                const failure = (error as { initFailure?: Parameters<typeof toServiceError>[1] }).initFailure;
                callback(toServiceError(error, failure), null);
            },
        );
    };
}

/**
 * Runs a write; an object that exists though its write did not finish (core PartialCreateError, matched by its
 * fields as core/errors.ts asks) is reported with its outputs, secrets wrapped.
 */
async function partialSuccess<T>(kind: AnyResourceKind, secretPaths: PropertyPath[], write: () => Promise<T>) {
    try {
        return await write();
    } catch (error) {
        const { id, properties, reasons } = error as { id?: unknown; properties?: unknown; reasons?: unknown };
        if (isHookstreamError(error) && typeof id === "string" && typeof properties === "object" && properties) {
            Object.assign(error, {
                initFailure: {
                    id,
                    properties: outgoing(kind, properties as Bag, secretPaths),
                    reasons: Array.isArray(reasons) ? reasons.map(String) : [],
                },
            });
        }
        throw error;
    }
}

/** Values on their way to the engine: what came in secret and what the kind keeps secret, wrapped. */
function outgoing(kind: AnyResourceKind, values: Bag, incomingSecrets: readonly PropertyPath[]): Bag {
    // `__provider` belongs to the dynamic host's bags; a native resource has none.
    const { __provider: _provider, ...rest } = values;
    return wrapSecrets(rest, [...incomingSecrets, ...secretPathsOf(kind.name, rest)]);
}

function diffResponse(changed: readonly string[], replaces: readonly string[], olds: Bag, news: Bag) {
    const response = new provproto.DiffResponse()
        .setChanges(
            changed.length > 0
                ? provproto.DiffResponse.DiffChanges.DIFF_SOME
                : provproto.DiffResponse.DiffChanges.DIFF_NONE,
        )
        .setDiffsList([...changed])
        .setReplacesList([...replaces])
        .setDeletebeforereplace(false)
        .setHasdetaileddiff(true);
    const detailed = response.getDetaileddiffMap();
    for (const change of detailedChanges(olds, news, changed, replaces)) {
        detailed.set(
            change.path,
            new provproto.PropertyDiff().setKind(propertyDiffKind(change.kind, change.replace)).setInputdiff(true),
        );
    }
    return response;
}

function propertyDiffKind(kind: DiffKind, replace: boolean): provproto.PropertyDiff.Kind {
    const { Kind } = provproto.PropertyDiff;
    if (kind === "add") return replace ? Kind.ADD_REPLACE : Kind.ADD;
    if (kind === "delete") return replace ? Kind.DELETE_REPLACE : Kind.DELETE;
    return replace ? Kind.UPDATE_REPLACE : Kind.UPDATE;
}

function kindOf(type: string, urn: string): { kind: AnyResourceKind; provider: AnyKindProvider } {
    // Older engines leave `type` empty; the URN ends with `$<type>::<name>` (the type after the last `$`).
    const token = type || (urn.split("::")[2]?.split("$").pop() ?? "");
    const kind = kindOfToken(token);
    const provider = kind ? providers[kind.name] : undefined;
    if (kind === undefined || provider === undefined) throw new Error(`hookstream has no resource type ${token}`);
    return { kind, provider };
}

function resourceNameOf(request: provproto.CheckRequest): string {
    return request.getName() || (request.getUrn().split("::").pop() ?? "");
}

function structOf(struct: structproto.Struct | undefined): Bag {
    return (struct?.toJavaScript() ?? {}) as Bag;
}

function toStruct(values: Bag): structproto.Struct {
    return structproto.Struct.fromJavaScript(values as never);
}

function failure(property: string, reason: string): provproto.CheckFailure {
    return new provproto.CheckFailure().setProperty(property).setReason(reason);
}
