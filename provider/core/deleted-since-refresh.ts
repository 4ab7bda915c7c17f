import { HookstreamError } from "./errors";
import type { MissingResource } from "./project-guard";

/**
 * An update answered 404 with a key of the resource's own project (the wrong-project guard has ruled the other
 * case out): it was deleted outside Pulumi. The message keeps hookstream's answer (status, message, request id) and
 * names the command that brings state back in line.
 */
export function deletedSinceRefresh(resource: MissingResource, notFound: Error): HookstreamError {
    return new HookstreamError(
        "HOOKSTREAM_DELETED_OUTSIDE",
        `${notFound.message}. ${resource.label} was deleted outside Pulumi since the last refresh. Run ` +
            "`pulumi refresh` (or `pulumi up --refresh`): it is dropped from the stack, and `pulumi up` creates it " +
            "again if it is still declared.",
        { cause: notFound },
    );
}
