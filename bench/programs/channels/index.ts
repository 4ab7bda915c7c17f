import * as pulumi from "@pulumi/pulumi";
import { NotificationChannel, type NotificationChannelArgs } from "pulumi-hookstream";

/**
 * The subject of the whole-engine benchmark: one NotificationChannel per entry of the `channels` config, declared
 * exactly as the floor program declares its resources. Run from inside this repository, it loads the package by
 * self-reference, so the stored `__provider` is the inlined shim.
 */

const declared = new pulumi.Config().requireObject<Record<string, NotificationChannelArgs>>("channels");
for (const [resourceName, args] of Object.entries(declared)) {
    new NotificationChannel(resourceName, args);
}

export const count = Object.keys(declared).length;
