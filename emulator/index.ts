import type { MethodsOf } from "./define-kind";
import type { EmulatorOptions } from "./emulator-options";
import { emulatorKinds } from "./kinds";
import { startEmulatorWith, type EmulatorCore } from "./start-emulator";

export type { AlertRuleInput, AlertRulePatch } from "./alert-rules/methods";
export type { RuleType } from "./alert-rules/rule-types";
export type { StoredAlertRule } from "./alert-rules/stored-alert-rule";
export type { StoredChannel } from "./channels/stored-channel";
export type { TestOutcome } from "./channels/test-outcome";
export type { ChaosFaultKind, ChaosOptions, ChaosReport } from "./chaos";
export type { DanglingReference } from "./dangling-references";
export type { EmulatorOptions } from "./emulator-options";
export type { FaultAction, FaultRule } from "./fault-rule";
export type { ResponseShape } from "./shapes";
export type { RecordedRequest } from "./state";

/** A running emulator: its controls, and each built-in kind's methods (`channels()`, `createAlertRule()`, …). */
export interface Emulator extends EmulatorCore, MethodsOf<typeof emulatorKinds> {}

/** Starts a hookstream-compatible API on 127.0.0.1; resolves once it is listening. */
export function startEmulator(options: EmulatorOptions): Promise<Emulator> {
    return startEmulatorWith(options, emulatorKinds);
}
