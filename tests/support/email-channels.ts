import type { Emulator } from "../../emulator";

/** Email channels made in the emulator as if in hookstream's dashboard, for alert rules to notify; returns their ids. */
export function createEmailChannels(emulator: Emulator, project: string, names: readonly string[]): string[] {
    return names.map(
        (name) =>
            emulator.createChannel(project, {
                name,
                channel_type: "email",
                config: { recipients: [`${name}@example.com`] },
            }).id,
    );
}
