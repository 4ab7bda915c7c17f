import { alertRulesKind } from "./alert-rules/kind";
import { channelsKind } from "./channels/kind";

/**
 * The resource kinds the emulator serves, in the order their routes are matched. A new kind is its folder (a
 * `kind.ts` calling `defineKind`) and one line here.
 */
export const emulatorKinds = [channelsKind, alertRulesKind] as const;
