import type { Choices } from "./random-edits";

/**
 * When a soak round's chaotic `up` is killed, and what the user runs next: drawn from the soak's seeded choices, so a
 * SEED replays the same kills and the same recoveries.
 */

/**
 * `answered`: killed as the `after`th request of the `up` is answered. `in-flight`: every write waits
 * `writeLatencyMs` (a slow API), and the `up` is killed once `writes` writes (of `method`, when set) have arrived that
 * hookstream has not answered yet; it carries them out after the kill.
 */
export type KillPoint =
    | { kind: "answered"; after: number }
    | { kind: "in-flight"; writeLatencyMs: number; writes: number; method?: "POST" | "PATCH" };

/** What runs between the killed `up` and the clean one. */
export const recoveries = ["cancel", "refresh", "recover"] as const;
export type Recovery = (typeof recoveries)[number];

export const recoveryCommands: Record<Recovery, string> = {
    cancel: "pulumi cancel",
    refresh: "pulumi cancel + pulumi refresh --clear-pending-creates",
    recover: "hookstream-pulumi recover --cancel",
};

export interface KillPlan {
    point: KillPoint;
    recovery: Recovery;
}

/**
 * A kill for about `rate` of the rounds. The first deployment creates every resource, so its kill points reach
 * further into the `up`, and may wait for creates' POSTs or finishing PATCHes in particular; a later round's few
 * edits send a few requests of any kind, so its kill comes early, at any write.
 */
export function chooseKill(choices: Choices, rate: number, firstDeployment: boolean): KillPlan | undefined {
    if (choices.random() >= rate) return undefined;
    const point: KillPoint =
        choices.int(0, 1) === 0
            ? { kind: "answered", after: choices.int(1, firstDeployment ? 60 : 3) }
            : {
                  kind: "in-flight",
                  writeLatencyMs: choices.pick([300, 800, 1500]),
                  writes: choices.int(1, firstDeployment ? 6 : 1),
                  ...(firstDeployment && choices.int(0, 2) > 0
                      ? { method: choices.pick(["POST", "PATCH"] as const) }
                      : {}),
              };
    return { point, recovery: choices.pick(recoveries) };
}

export function describeKillPoint(point: KillPoint): string {
    return point.kind === "answered"
        ? `as request ${point.after} was answered`
        : `with ${point.writes} ${point.method ?? "write"}(s) in flight under ${point.writeLatencyMs} ms writes`;
}
