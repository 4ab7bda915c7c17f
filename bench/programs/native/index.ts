import * as pulumi from "@pulumi/pulumi";

/**
 * The native subject of the whole-engine benchmark: one `hookstream:index:NotificationChannel` per entry of the
 * `channels` config, with exactly the arguments the channels program gives its dynamic NotificationChannels
 * (tests/unit/bench/native-program.test.ts holds the two to that). It registers by type token, as the generated SDKs
 * do, so it needs only `@pulumi/pulumi` and the plugin, which the benchmark installs with `pulumi plugin install`.
 */

class NotificationChannel extends pulumi.CustomResource {
    constructor(name: string, args: pulumi.Inputs) {
        super("hookstream:index:NotificationChannel", name, args);
    }
}

const declared = new pulumi.Config().requireObject<Record<string, pulumi.Inputs>>("channels");
for (const [resourceName, args] of Object.entries(declared)) {
    new NotificationChannel(resourceName, args);
}

export const count = Object.keys(declared).length;
