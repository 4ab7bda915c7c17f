import { startEmulator, type Emulator, type ResponseShape } from "../../../emulator";

/** The main emulator (emulator/) on port 0: the server of every registered kind's host tables. */
export function startMainEmulator(apiKeys: Record<string, string>): Promise<Emulator> {
    return startEmulator({ port: 0, apiKeys });
}

/** The response shapes the main emulator serves (docs/hookstream-api.md §8), the first its default. */
export const emulatorShapes = {
    names: ["reference", "docs"] as const satisfies readonly ResponseShape[],
    set(emulator: Emulator, shape: string): void {
        emulator.shape = shape as ResponseShape;
    },
};
