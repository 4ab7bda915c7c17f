import { secretFieldsOf } from "../provider/notification-channel/channel-types";

/** A property path inside a resource's inputs or outputs: `["config", "secret"]`. */
export type PropertyPath = readonly (string | number)[];

/**
 * The values each kind keeps secret, given the values themselves (a channel's credentials depend on its type). The
 * native host wraps them as Pulumi secrets on the way out, and the schema marks every field any type keeps secret.
 * Keyed by kind name; a test fails when a registered kind has no entry.
 */
export const secretPathsByKind: Readonly<Record<string, (values: Record<string, unknown>) => PropertyPath[]>> = {
    NotificationChannel: (values) => secretFieldsOf(values.channelType).map((field) => ["config", field]),
    // A rule holds ids, names and thresholds: nothing secret.
    AlertRule: () => [],
};

export function secretPathsOf(kindName: string, values: Record<string, unknown>): PropertyPath[] {
    const paths = secretPathsByKind[kindName];
    if (paths === undefined) throw new Error(`no secret paths are declared for resource kind ${kindName}`);
    return paths(values);
}
