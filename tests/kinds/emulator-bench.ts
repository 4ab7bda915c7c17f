import { startEmulator, type Emulator } from "../../emulator";
import type { Bag, KindBench, KindRefs, StoredObject } from "./kind-case";

/** What a registered kind's bench adds to the main emulator: how its objects are read, made and removed out of band. */
export interface EmulatorKindAccess {
    stored(emulator: Emulator, project: string): StoredObject[];
    seed(emulator: Emulator, project: string, inputs: Bag): string;
    seedElsewhere(emulator: Emulator, project: string): string;
    remove(emulator: Emulator, id: string): void;
    /** What `valid` inputs refer to, added to the project after each reset. */
    prepare?(emulator: Emulator, project: string): string[];
}

/** The main emulator (emulator/) on port 0, serving a registered kind. */
export async function startEmulatorBench(
    apiKeys: Record<string, string>,
    access: EmulatorKindAccess,
): Promise<KindBench> {
    const emulator = await startEmulator({ port: 0, apiKeys });
    return {
        url: emulator.url,
        requests: () => emulator.requests,
        resetRequests: () => emulator.resetRequests(),
        reset(project): KindRefs {
            emulator.reset();
            emulator.shape = "reference";
            const ids = access.prepare?.(emulator, project) ?? [];
            emulator.resetRequests();
            return { ids };
        },
        inject: (rule) => emulator.inject(rule),
        stored: (project) => access.stored(emulator, project),
        seed: (project, inputs) => access.seed(emulator, project, inputs),
        seedElsewhere: (project) => access.seedElsewhere(emulator, project),
        remove: (id) => access.remove(emulator, id),
        close: () => emulator.close(),
    };
}
