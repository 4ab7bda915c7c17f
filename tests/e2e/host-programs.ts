import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { alertRule } from "../../provider/alert-rule/kind";
import { notificationChannel } from "../../provider/notification-channel/kind";
import type { HostName } from "../support/resource-host";

/** A channel as a program declares it, in the terms both hosts' resources share. */
export type DeclaredChannel = { channelType: string; config: Record<string, unknown>; name?: string };
/** A rule as a program declares it, `channels` naming the declared channels whose ids it routes to. */
export type DeclaredRule = { ruleType: string; ruleConfig: Record<string, unknown>; channels: string[] };

/**
 * The program each host runs channels and rules through, declared from stack config: for the dynamic-provider host,
 * programs/alerting (the package's classes); for the native plugin, programs/native (resources registered by type
 * token, the plugin found through the project's `plugins:` entry, so build first). `tokens` are the types the state
 * records.
 */
export interface HostProgram {
    workDir: string;
    tokens: { channel: string; rule: string };
    /**
     * Sets the stack config that declares these resources; `secret` stores it encrypted, though the program still
     * reads it as plain values (`requireObject`), so nothing marks a credential secret on its way to the resource.
     */
    declare(
        stack: Stack,
        channels: Record<string, DeclaredChannel>,
        rules?: Record<string, DeclaredRule>,
        secret?: boolean,
    ): Promise<void>;
}

const programs = path.join(__dirname, "programs");

export const hostPrograms: Record<HostName, HostProgram> = {
    dynamic: {
        workDir: path.join(programs, "alerting"),
        tokens: { channel: notificationChannel.tokens.dynamic, rule: alertRule.tokens.dynamic },
        async declare(stack, channels, rules = {}, secret = false) {
            await stack.setConfig("channels", { value: JSON.stringify(channels), secret });
            await stack.setConfig("rules", { value: JSON.stringify(rules), secret });
        },
    },
    native: {
        workDir: path.join(programs, "native"),
        tokens: { channel: notificationChannel.tokens.native, rule: alertRule.tokens.native },
        async declare(stack, channels, rules = {}, secret = false) {
            const resources = {
                ...Object.fromEntries(
                    Object.entries(channels).map(([name, args]) => [name, { type: this.tokens.channel, args }]),
                ),
                ...Object.fromEntries(
                    Object.entries(rules).map(([name, { channels: routed, ...args }]) => [
                        name,
                        { type: this.tokens.rule, args: { ...args, channelIds: routed.map((c) => `$id:${c}`) } },
                    ]),
                ),
            };
            await stack.setConfig("resources", { value: JSON.stringify(resources), secret });
        },
    },
};
