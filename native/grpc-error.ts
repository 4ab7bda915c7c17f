import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { Bag } from "./secret-values";

/** An error a partial success throws: the object exists, with these outputs (core/errors.ts PartialCreateError). */
export interface ResourceInitFailure {
    id: string;
    /** The outputs as the engine must store them: secrets already wrapped. */
    properties: Bag;
    reasons: string[];
}

/**
 * The gRPC error the engine gets for a failed call. Only the message travels: it is written to be shown as it is
 * (core/errors.ts) and never holds a credential. A partial success also carries `ErrorResourceInitFailed` in the
 * status details, so the engine keeps the object in state with its outputs, as the dynamic-provider host does
 * (`grpcResponseFromError` in @pulumi/pulumi/cmd/dynamic-provider).
 */
export function toServiceError(error: unknown, initFailure?: ResourceInitFailure): Partial<grpc.ServiceError> {
    const message = error instanceof Error ? error.message : String(error);
    const metadata = new grpc.Metadata();
    if (initFailure !== undefined) {
        const detail = new provproto.ErrorResourceInitFailed();
        detail.setId(initFailure.id);
        detail.setProperties(structproto.Struct.fromJavaScript(initFailure.properties as never));
        detail.setReasonsList(initFailure.reasons);
        const packed = new anyproto.Any();
        packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
        const status = new statusproto.Status();
        status.setCode(grpc.status.UNKNOWN);
        status.setMessage(message);
        status.addDetails(packed);
        metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
    }
    return { code: grpc.status.UNKNOWN, details: message, message, metadata };
}
