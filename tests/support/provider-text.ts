import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel } from "../../provider";

/**
 * The `__provider` text a real program stores: a NotificationChannel constructed under Pulumi's mocks, which run
 * the same serialization as a deployment and hand us the inputs the engine would receive.
 */
export async function serializedProvider(): Promise<{ text: string; secret: boolean }> {
    let found: { text: string; secret: boolean } | undefined;
    await pulumi.runtime.setMocks(
        {
            newResource(args) {
                const value = args.inputs.__provider;
                found = { text: String(value), secret: false };
                return { id: `${args.name}-id`, state: args.inputs };
            },
            call: () => ({}),
        },
        "hookstream-test",
        "test",
        false,
    );
    const channel = new NotificationChannel("probe", {
        channelType: "webhook",
        config: { url: "https://example.com/alerts", secret: "probe-secret-value" },
    });
    await new Promise<void>((resolve) => channel.urn.apply(() => resolve()));
    if (!found) throw new Error("the mocks saw no resource");
    return found;
}
