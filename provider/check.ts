import { z } from "zod";
import { anyTypeInputSchema, channelInputSchema, type ChannelInput } from "./schema";
import { containsUnknown, isUnknown, pathReachesUnknown } from "./unknowns";

export interface CheckFailure {
    property: string;
    reason: string;
}

export type CheckOutcome =
    | { ok: true; inputs: ChannelInput; complete: true }
    | { ok: true; inputs: Record<string, unknown>; complete: false }
    | { ok: false; failures: CheckFailure[] };

/**
 * Validates NotificationChannel inputs without calling the API. A value still unknown at preview time is not
 * judged; everything known around it is.
 */
export function checkInputs(news: Record<string, unknown>): CheckOutcome {
    const inputs = withoutEngineKeys(news);
    const parsed = channelInputSchema.safeParse(inputs);
    if (parsed.success) return { ok: true, inputs: parsed.data, complete: true };
    // Without a known type zod cannot choose a config schema and stops at the discriminator; judge the rest.
    if (isUnknown(inputs.channelType)) return checkWithoutType(inputs);

    const failures = parsed.error.issues.filter((issue) => !pathReachesUnknown(inputs, issue.path)).flatMap(toFailures);
    if (failures.length > 0) return { ok: false, failures };
    if (!containsUnknown(inputs)) {
        // zod rejected something no issue path explains; report it rather than let it through.
        return { ok: false, failures: [{ property: "", reason: z.prettifyError(parsed.error) }] };
    }
    return { ok: true, inputs: { enabled: true, ...inputs }, complete: false };
}

function checkWithoutType(inputs: Record<string, unknown>): CheckOutcome {
    const parsed = anyTypeInputSchema.safeParse(inputs);
    const failures = parsed.success
        ? []
        : parsed.error.issues.filter((issue) => !pathReachesUnknown(inputs, issue.path)).flatMap(toFailures);
    if (failures.length > 0) return { ok: false, failures };
    return { ok: true, inputs: { enabled: true, ...inputs }, complete: false };
}

function toFailures(issue: z.core.$ZodIssue): CheckFailure[] {
    if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => {
            const property = z.core.toDotPath([...issue.path, key]);
            return { property, reason: `${property} is not a known argument${suggestionFor(issue.path)}` };
        });
    }
    return [{ property: z.core.toDotPath(issue.path), reason: issue.message }];
}

function suggestionFor(path: readonly PropertyKey[]): string {
    return path.length === 0
        ? " (expected channelType, config, name, enabled, adopt)"
        : " for this channel type (see the config shapes in the README)";
}

/** `__provider` is the host's business, not an argument. */
function withoutEngineKeys(news: Record<string, unknown>): Record<string, unknown> {
    const { __provider: _provider, ...rest } = news;
    return rest;
}
