import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as pluginproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { startPluginProcess, stopPluginProcess } from "./plugin-process";
import { repoRoot, type Bag, type CheckFailure, type InitFailure } from "./provider-host";

const statusproto = require("@pulumi/pulumi/proto/status_pb");

/** The launcher the engine runs, in the repository (it starts dist/native/main.js: build first). */
export const launcher = path.join(repoRoot, "bin", "pulumi-resource-hookstream");
/** A PATH whose first node is the project's Node 24, as `npm run` sets it. */
export const nodePath = `${path.join(repoRoot, "node_modules", ".bin")}${path.delimiter}${process.env.PATH}`;

/** The launcher runs the compiled plugin: a clear failure when the build is missing, rather than Node's. */
export function assertBuilt(): void {
    if (!fs.existsSync(path.join(repoRoot, "dist", "native", "main.js"))) {
        throw new Error("dist/native/main.js is missing: run `npm run build` first");
    }
}

export type DiffKind = keyof typeof provproto.PropertyDiff.Kind;

export interface DiffAnswer {
    changes: "unknown" | "none" | "some";
    replaces: string[];
    diffs: string[];
    detailedDiff: Record<string, DiffKind>;
    deleteBeforeReplace: boolean;
}

export const urnOf = (type: string, name: string) => `urn:pulumi:test::hookstream-test::${type}::${name}`;

/**
 * The native plugin (`pulumi-resource-hookstream`) started and driven over gRPC as the engine drives it: the engine
 * address as argument, the port read from stdout, stack config as `hookstream:config:*` variables, secrets wrapped,
 * type tokens and URNs on every resource call.
 */
export class NativeHost {
    private constructor(
        private readonly child: ChildProcess,
        private readonly client: ResourceProviderClient,
        readonly stderr: () => string,
    ) {}

    /** Starts the launcher (the repository's, or one from an installed plugin) as the engine does. */
    static async start(options: { env?: NodeJS.ProcessEnv; launcher?: string } = {}): Promise<NativeHost> {
        const { child, port, stderr } = await startPluginProcess(options.launcher ?? launcher, ["127.0.0.1:1"], {
            cwd: repoRoot,
            env: { ...process.env, PATH: nodePath, ...options.env },
        });
        const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new NativeHost(child, client, stderr);
    }

    async stop(): Promise<void> {
        this.client.close();
        await stopPluginProcess(this.child);
    }

    async pluginVersion(): Promise<string> {
        const info = await this.call<pluginproto.PluginInfo>((cb) =>
            this.client.getPluginInfo(new emptyproto.Empty(), cb),
        );
        return info.getVersion();
    }

    async schema(): Promise<string> {
        const answer = await this.call<provproto.GetSchemaResponse>((cb) =>
            this.client.getSchema(new provproto.GetSchemaRequest(), cb),
        );
        return answer.getSchema();
    }

    /** Configure as the engine sends it for a default provider: namespaced variables and the same values as args. */
    async configure(variables: Record<string, string>, args: Bag = {}): Promise<{ acceptSecrets: boolean }> {
        const request = new provproto.ConfigureRequest().setArgs(struct(args)).setAcceptsecrets(true);
        for (const [key, value] of Object.entries(variables)) request.getVariablesMap().set(key, value);
        const answer = await this.call<provproto.ConfigureResponse>((cb) => this.client.configure(request, cb));
        return { acceptSecrets: answer.getAcceptsecrets() };
    }

    async checkConfig(news: Bag): Promise<{ inputs: Bag; failures: CheckFailure[] }> {
        const request = new provproto.CheckRequest().setNews(struct(news)).setOlds(struct({}));
        return checkAnswer(await this.call<provproto.CheckResponse>((cb) => this.client.checkConfig(request, cb)));
    }

    async diffConfig(olds: Bag, news: Bag): Promise<DiffAnswer> {
        const request = new provproto.DiffRequest().setOlds(struct(olds)).setOldInputs(struct(olds));
        request.setNews(struct(news));
        return diffAnswer(await this.call<provproto.DiffResponse>((cb) => this.client.diffConfig(request, cb)));
    }

    async check(type: string, name: string, news: Bag, olds: Bag = {}) {
        const request = new provproto.CheckRequest().setUrn(urnOf(type, name)).setType(type).setName(name);
        request.setOlds(struct(olds)).setNews(struct(news));
        return checkAnswer(await this.call<provproto.CheckResponse>((cb) => this.client.check(request, cb)));
    }

    async diff(type: string, id: string, olds: Bag, news: Bag): Promise<DiffAnswer> {
        const request = new provproto.DiffRequest().setUrn(urnOf(type, "r")).setType(type).setId(id);
        request.setOlds(struct(olds)).setNews(struct(news));
        return diffAnswer(await this.call<provproto.DiffResponse>((cb) => this.client.diff(request, cb)));
    }

    async create(type: string, inputs: Bag): Promise<{ id: string; outputs: Bag }> {
        const request = new provproto.CreateRequest().setUrn(urnOf(type, "r")).setType(type);
        request.setProperties(struct(inputs));
        const answer = await this.call<provproto.CreateResponse>((cb) => this.client.create(request, cb));
        return { id: answer.getId(), outputs: answer.getProperties()?.toJavaScript() ?? {} };
    }

    async read(type: string, id: string, properties: Bag = {}, inputs: Bag = {}) {
        const request = new provproto.ReadRequest().setUrn(urnOf(type, "r")).setType(type).setId(id);
        request.setProperties(struct(properties)).setInputs(struct(inputs));
        const answer = await this.call<provproto.ReadResponse>((cb) => this.client.read(request, cb));
        return {
            id: answer.getId(),
            outputs: (answer.getProperties()?.toJavaScript() ?? {}) as Bag,
            inputs: answer.getInputs()?.toJavaScript() as Bag | undefined,
        };
    }

    async update(type: string, id: string, olds: Bag, news: Bag): Promise<Bag> {
        const request = new provproto.UpdateRequest().setUrn(urnOf(type, "r")).setType(type).setId(id);
        request.setOlds(struct(olds)).setNews(struct(news));
        const answer = await this.call<provproto.UpdateResponse>((cb) => this.client.update(request, cb));
        return answer.getProperties()?.toJavaScript() ?? {};
    }

    async delete(type: string, id: string, properties: Bag): Promise<void> {
        const request = new provproto.DeleteRequest().setUrn(urnOf(type, "r")).setType(type).setId(id);
        request.setProperties(struct(properties));
        await this.call<emptyproto.Empty>((cb) => this.client.delete(request, cb));
    }

    private call<T>(start: (callback: (error: grpc.ServiceError | null, answer: T) => void) => void): Promise<T> {
        return new Promise((resolve, reject) =>
            start((error, answer) => (error ? reject(withInitFailure(error)) : resolve(answer))),
        );
    }
}

function struct(bag: Bag): structproto.Struct {
    return structproto.Struct.fromJavaScript(bag as never);
}

function checkAnswer(answer: provproto.CheckResponse): { inputs: Bag; failures: CheckFailure[] } {
    return {
        inputs: (answer.getInputs()?.toJavaScript() ?? {}) as Bag,
        failures: answer.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
}

function diffAnswer(answer: provproto.DiffResponse): DiffAnswer {
    const kinds = Object.fromEntries(Object.entries(provproto.PropertyDiff.Kind).map(([name, n]) => [n, name]));
    const detailedDiff: Record<string, DiffKind> = {};
    answer.getDetaileddiffMap().forEach((entry, key) => (detailedDiff[key] = kinds[entry.getKind()] as DiffKind));
    return {
        changes: (["unknown", "none", "some"] as const)[answer.getChanges() as 0 | 1 | 2],
        replaces: answer.getReplacesList(),
        diffs: answer.getDiffsList(),
        detailedDiff,
        deleteBeforeReplace: answer.getDeletebeforereplace(),
    };
}

/** The engine's reading of a failed create or update: ErrorResourceInitFailed in the status details, if any. */
function withInitFailure(error: grpc.ServiceError): grpc.ServiceError & { initFailure?: InitFailure } {
    const raw = error.metadata?.get("grpc-status-details-bin")[0];
    if (!raw) return error;
    const status = statusproto.Status.deserializeBinary(raw as Buffer);
    const detail = status.getDetailsList()[0];
    const failure = provproto.ErrorResourceInitFailed.deserializeBinary(detail.getValue_asU8());
    return Object.assign(error, {
        initFailure: {
            message: status.getMessage(),
            id: failure.getId(),
            properties: (failure.getProperties()?.toJavaScript() ?? {}) as Bag,
            reasons: failure.getReasonsList(),
        },
    });
}
