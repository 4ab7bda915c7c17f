import { VerifyError } from "../core/errors";
import { redact } from "../core/redact";
import type { DeliveryCheck } from "../core/resource-kind";
import type { Transport } from "../core/transport";
import { testChannel, type ChannelPatch } from "./endpoints";
import type { ChannelOutputs } from "./outputs";
import type { ChannelInput } from "./schema";

/**
 * `verify: true`: hookstream sends a test notification through the channel (docs/hookstream-api.md §1.6), and a
 * failed delivery fails the step. The message is hookstream's, with every config value masked: a Slack or Discord
 * URL is a credential, and hookstream may quote the URL it could not reach.
 */
export async function verifyDelivery(api: Transport, id: string, declared: ChannelInput): Promise<void> {
    const result = await testChannel(api, id);
    if (result.success) return;
    const said = result.error ? redact(result.error, configStrings(declared.config)) : "no reason given";
    throw new VerifyError(
        `channel "${declared.name}" (${id}) did not deliver hookstream's test notification: ${said}. ` +
            "The channel is kept; fix its config (or the receiving end) and run `pulumi up` again to re-check it.",
    );
}

function configStrings(config: Record<string, unknown>): string[] {
    return Object.values(config).flatMap((value) =>
        typeof value === "string" ? [value] : Array.isArray(value) ? value.map(String) : [],
    );
}

/** `verify` as the provider runs it: after create, and after an update that changed the config or followed a failure. */
export const deliveryCheck: DeliveryCheck<ChannelInput, ChannelOutputs, ChannelPatch> = {
    isDue: (olds, _news, patch) => patch.config !== undefined || olds.verification === "failed",
    run: verifyDelivery,
};
