import * as path from "node:path";
import { isDynamicProviderHost } from "./host-error-log";

/**
 * Warnings for the engine's log, attached to a resource: the CLI prints them as `warning:` under the resource, inline
 * and under Diagnostics. A dynamic provider has no API for it (`check` returns only failures, and `pulumi.log` in the
 * provider host has no engine to talk to), but the host is started with the engine's address as its one argument
 * (@pulumi/pulumi cmd/dynamic-provider/index.js, `main`), and the engine serves its `Log` call there
 * (pulumi/proto/engine.proto). Anywhere else, or when that fails, the warning goes to stderr, which the engine
 * prints unattached.
 */

/** What sends one warning: the resource's URN, when known, and the text. Settles once it was handed on. */
export type WarningSink = (urn: string | undefined, message: string) => Promise<void>;

interface EngineClient {
    log(
        request: unknown,
        metadata: unknown,
        options: { deadline: number },
        callback: (error: Error | null) => void,
    ): void;
}

/** The engine answers at once; an engine that does not is not waited for past this. */
const logDeadlineMs = 5_000;

interface EngineConnection {
    engine: EngineClient;
    metadata: () => unknown;
}

let client: EngineConnection | null | undefined;

/** The engine's address as the dynamic-provider host received it, or undefined outside that host. */
export function engineAddressOf(argv: readonly string[], inHost: boolean): string | undefined {
    const address = argv[2];
    return inHost && address !== undefined && /^[\w.[\]:-]+:\d+$/.test(address) ? address : undefined;
}

function engineClient(): EngineConnection | null {
    if (client !== undefined) return client;
    client = null;
    const address = engineAddressOf(process.argv, isDynamicProviderHost());
    if (address === undefined) return client;
    try {
        // The host's own copies: the gRPC library the generated client was built with, and its options.
        const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
        const { EngineClient } = require("@pulumi/pulumi/proto/engine_grpc_pb");
        const { grpcChannelOptions } = require("@pulumi/pulumi/runtime/settings");
        const engine = new EngineClient(address, grpc.credentials.createInsecure(), grpcChannelOptions) as EngineClient;
        client = { engine, metadata: () => new grpc.Metadata() };
    } catch {
        client = null;
    }
    return client;
}

/** Sends a warning about the resource to the engine, or to stderr where there is no engine to send it to. */
export const warnAbout: WarningSink = (urn, message) => {
    const connection = engineClient();
    const toStderr = () => console.error(`warning: ${message}`);
    if (connection === null) return Promise.resolve(toStderr());
    const { LogRequest, LogSeverity } = require("@pulumi/pulumi/proto/engine_pb");
    const request = new LogRequest();
    request.setSeverity(LogSeverity.WARNING);
    request.setMessage(message);
    request.setUrn(urn ?? "");
    request.setStreamid(0);
    request.setEphemeral(false);
    return new Promise((resolve) =>
        connection.engine.log(request, connection.metadata(), { deadline: Date.now() + logDeadlineMs }, (error) => {
            if (error) toStderr();
            resolve();
        }),
    );
};
