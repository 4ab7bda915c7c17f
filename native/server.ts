import * as grpc from "@grpc/grpc-js";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { createProviderService } from "./provider-service";

/** Pulumi's limit for messages between the engine and plugins (`grpcChannelOptions` in @pulumi/pulumi/runtime). */
const maxMessageBytes = 400 * 1024 * 1024;

export interface PluginServer {
    port: number;
    stop(): Promise<void>;
}

/** Serves the ResourceProvider service on a free port of 127.0.0.1, where the engine connects. */
export async function startPluginServer(version: string): Promise<PluginServer> {
    const server = new grpc.Server({
        "grpc.max_receive_message_length": maxMessageBytes,
        "grpc.max_send_message_length": maxMessageBytes,
    });
    server.addService(ResourceProviderService, createProviderService(version));
    const port = await new Promise<number>((resolve, reject) =>
        server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
        ),
    );
    return {
        port,
        stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    };
}
