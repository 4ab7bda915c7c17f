import type { ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { startPluginProcess, stopPluginProcess } from "./plugin-process";

/**
 * The dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`, the process the engine starts for every dynamic
 * resource) driven over gRPC exactly as the engine drives it: namespaced stack config in Configure, unknowns as the
 * sentinel string, secrets already stripped (the host answers acceptSecrets=false), `__provider` in every bag.
 */

const provproto = require("@pulumi/pulumi/proto/provider_pb");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const statusproto = require("@pulumi/pulumi/proto/status_pb");

export const repoRoot = path.resolve(__dirname, "..", "..");
export type Bag = Record<string, unknown>;

export interface CheckFailure {
    /** What the engine looks up among the top-level inputs to print a value; empty (core/check.ts). */
    property: string;
    reason: string;
    /** The argument path the reason starts with, as a user reads it (`config.url`, `channelIds[2]`). */
    path: string;
}

/** The argument path a check failure's reason starts with. */
export function pathOf(reason: string): string {
    return /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\d+\])*/.exec(reason)?.[0] ?? "";
}

export interface InitFailure {
    message: string;
    id: string;
    properties: Bag;
    reasons: string[];
}

export class ProviderHost {
    readonly name = "dynamic";

    private constructor(
        private readonly child: ChildProcess,
        private readonly client: grpc.Client & Record<string, (...args: unknown[]) => unknown>,
        readonly providerText: string,
        readonly stderr: () => string,
    ) {}

    /** Starts a host process with the program directory as its working directory, as the engine does. */
    static async start(providerText: string, options: { env?: NodeJS.ProcessEnv; project?: string } = {}) {
        const script = require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [repoRoot] });
        const { child, port, stderr } = await startPluginProcess(process.execPath, [script, "127.0.0.1:1"], {
            cwd: repoRoot,
            env: { ...process.env, PULUMI_NODEJS_PROJECT: options.project ?? "hookstream-test", ...options.env },
        });
        const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new ProviderHost(child, client, providerText, stderr);
    }

    async stop(): Promise<void> {
        this.client.close();
        await stopPluginProcess(this.child);
    }

    /** Stack config as the engine sends it to pulumi-nodejs: every namespace, keys kept namespaced. */
    async configure(config: Record<string, string>): Promise<void> {
        const req = new provproto.ConfigureRequest();
        req.setArgs(structproto.Struct.fromJavaScript(config));
        await this.call("configure", req);
    }

    async check(news: Bag, olds: Bag = {}): Promise<{ inputs: Bag; failures: CheckFailure[] }> {
        const req = new provproto.CheckRequest();
        req.setOlds(this.struct(olds));
        req.setNews(this.struct(news));
        const resp = await this.call("check", req);
        return {
            inputs: resp.getInputs().toJavaScript(),
            failures: resp.getFailuresList().map((f: { getProperty(): string; getReason(): string }) => ({
                property: f.getProperty(),
                reason: f.getReason(),
                path: pathOf(f.getReason()),
            })),
        };
    }

    async diff(
        id: string,
        olds: Bag,
        news: Bag,
    ): Promise<{ changes: "unknown" | "none" | "some"; replaces: string[] }> {
        const req = new provproto.DiffRequest();
        req.setId(id);
        req.setOlds(this.struct(olds));
        req.setNews(this.struct(news));
        const resp = await this.call("diff", req);
        const changes = (["unknown", "none", "some"] as const)[resp.getChanges() as 0 | 1 | 2];
        return { changes, replaces: resp.getReplacesList() };
    }

    async create(inputs: Bag): Promise<{ id: string; outputs: Bag }> {
        const req = new provproto.CreateRequest();
        req.setProperties(this.struct(inputs));
        const resp = await this.call("create", req);
        return { id: resp.getId(), outputs: resp.getProperties().toJavaScript() };
    }

    async read(id: string, properties: Bag, inputs?: Bag): Promise<{ id: string; outputs: Bag; inputs?: Bag }> {
        const req = new provproto.ReadRequest();
        req.setId(id);
        req.setProperties(this.struct(properties));
        if (inputs) req.setInputs(this.struct(inputs));
        const resp = await this.call("read", req);
        return {
            id: resp.getId(),
            outputs: resp.getProperties()?.toJavaScript() ?? {},
            inputs: resp.getInputs()?.toJavaScript(),
        };
    }

    async update(id: string, olds: Bag, news: Bag): Promise<Bag> {
        const req = new provproto.UpdateRequest();
        req.setId(id);
        req.setOlds(this.struct(olds));
        req.setNews(this.struct(news));
        const resp = await this.call("update", req);
        return resp.getProperties().toJavaScript();
    }

    async delete(id: string, properties: Bag): Promise<void> {
        const req = new provproto.DeleteRequest();
        req.setId(id);
        req.setProperties(this.struct(properties));
        await this.call("delete", req);
    }

    /** Adds `__provider`, as the engine stores it in every property bag. */
    private struct(bag: Bag) {
        return structproto.Struct.fromJavaScript({ ...bag, __provider: this.providerText } as never);
    }

    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated protobuf messages carry no types
    private call(method: string, req: unknown): Promise<any> {
        return new Promise((resolve, reject) => {
            this.client[method]!(
                req,
                (err: (grpc.ServiceError & { metadata?: grpc.Metadata }) | null, resp: unknown) =>
                    err ? reject(decorate(err)) : resolve(resp),
            );
        });
    }
}

/** Unpacks ErrorResourceInitFailed (a partial failure) the way the engine does. */
function decorate(err: grpc.ServiceError): Error & { initFailure?: InitFailure } {
    const error: Error & { initFailure?: InitFailure } = new Error(err.details || err.message);
    const raw = err.metadata?.get("grpc-status-details-bin")[0];
    if (raw) {
        const status = statusproto.Status.deserializeBinary(new Uint8Array(raw as Buffer));
        for (const any of status.getDetailsList()) {
            const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
            error.initFailure = {
                message: error.message,
                id: detail.getId(),
                properties: detail.getProperties()?.toJavaScript() ?? {},
                reasons: detail.getReasonsList(),
            };
        }
    }
    return error;
}
