import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import * as path from "node:path";
import type { Stack, UpdateSummary, UpResult } from "@pulumi/pulumi/automation";
import { startEmulator, type ChaosFaultKind, type Emulator } from "../../emulator";
import { seededRandom } from "../../emulator/chaos";
import { exportStoredState, pulumiBinDir, pulumiEnv, testStack } from "../support/pulumi";
import { checkApiMatchesState, checkCreatesFinished, findLeaks, findMarkedNames, idsInState } from "./invariants";
import { chooseKill, describeKillPoint, recoveries, recoveryCommands, type KillPlan, type Recovery } from "./kill-plan";
import { Answers, killedUp, recoverWith, type CliContext } from "./killed-up";
import { applyRandomEdit, Choices, seedProgram } from "./random-edits";
import { SoakProgram } from "./soak-program";

/**
 * A randomized fault soak through the real engine: each round edits the program, runs `pulumi up` (with
 * `--refresh` in about half the rounds, so reads meet faults too) while the emulator faults about a fifth of the API
 * requests (that `up` may fail), then runs `up` again without faults, which must succeed and leave hookstream holding
 * exactly what the program declares.
 *
 * In some rounds the chaotic `up` runs through the CLI as a CI job runs it and is killed (`kill -9` of the CLI and
 * every plugin), after a number of answered requests or while writes are in flight under a slow API; then one of
 * the recoveries a user reaches for runs before the clean `up`: `pulumi cancel`, `pulumi cancel` and
 * `pulumi refresh --clear-pending-creates`, or `hookstream-pulumi recover --cancel`. The round's invariants are the
 * same.
 *
 * SOAK_ROUNDS (default 3) sets the number of rounds after the first deployment; SEED replays a soak: the same
 * program, the same edits, the same kill points and recoveries, and per round the same sequence of fault decisions.
 * Which request meets which decision (or the kill) follows the order requests arrive in, which the engine's
 * parallelism can vary; SOAK_PARALLEL=1 makes that order repeatable too. SOAK_CHAOS_RATE changes the share of
 * faulted requests (default 0.2), SOAK_KILL_RATE the share of rounds with a kill (default 0.4, 0 for none).
 */

const rounds = positiveInteger("SOAK_ROUNDS", 3);
const seed = process.env.SEED === undefined ? randomInt(2 ** 31) : Number(process.env.SEED);
const chaosRate = Number(process.env.SOAK_CHAOS_RATE ?? 0.2);
const killRate = Number(process.env.SOAK_KILL_RATE ?? 0.4);
const parallel = process.env.SOAK_PARALLEL === undefined ? undefined : positiveInteger("SOAK_PARALLEL", 1);
const initialSize = { channels: 20, rules: 4 };

const program = path.join(__dirname, "program");
const project = "soak";
const apiKey = "hs_test_" + "50a4".repeat(16);

function positiveInteger(variable: string, fallback: number): number {
    const value = process.env[variable];
    if (value === undefined || value === "") return fallback;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new Error(`${variable} must be a positive integer`);
    return number;
}

interface UpOutcome {
    ok: boolean;
    /** Set when the `up` was to be killed: whether its kill point came before it ended. */
    killed?: boolean;
    /** hookstream's and the engine's words, when the `up` failed: its lines that say `error`. */
    errors: string[];
    /** Resources created, updated, replaced or deleted, from the update's history entry (kept for failures too). */
    operations: number;
    /** Everything the CLI printed, and the error message: searched for secrets. */
    text: string;
}

describe(`chaos soak: ${rounds} rounds of random edits under random faults (SEED=${seed})`, function () {
    let emulator: Emulator;
    let stack: Stack;
    let cliContext: CliContext;
    let danglingSeen = 0;
    const answers = new Answers();
    const soak = new SoakProgram(`soak${seed}tok`);
    const choices = new Choices(seededRandom(seed));
    const totals = {
        rounds: 0,
        operations: 0,
        faults: 0,
        faultsByKind: {} as Partial<Record<ChaosFaultKind, number>>,
        failedChaoticUps: 0,
        killsByRecovery: Object.fromEntries(recoveries.map((recovery) => [recovery, 0])) as Record<Recovery, number>,
        /** Kill rounds whose `up` ended before its kill point: nothing to recover from. */
        missedKills: 0,
        /** Kills that tore the file backend's metadata, so that `recover --cancel` had to run first. */
        tornCheckpoints: 0,
        violations: [] as string[],
    };
    const startedAt = Date.now();

    before(async function () {
        this.timeout(10 * 60_000);
        console.log(`      SEED=${seed} SOAK_ROUNDS=${rounds} chaos rate ${chaosRate} kill rate ${killRate}`);
        if (!Number.isSafeInteger(seed)) throw new Error("SEED must be an integer");
        if (!(killRate >= 0 && killRate <= 1)) throw new Error("SOAK_KILL_RATE must be from 0 to 1");
        emulator = await startEmulator({ apiKeys: { [apiKey]: project }, onRequest: answers.hook });
        const created = await testStack({ workDir: program, stackName: `soak-${seed}` });
        stack = created.stack;
        cliContext = {
            pulumi: path.join(await pulumiBinDir(), "pulumi"),
            stackName: stack.name,
            cwd: program,
            env: { ...process.env, ...(await pulumiEnv(created.backendDir)) },
            backendDir: created.backendDir,
        };
        await stack.setConfig("hookstream:apiKey", { value: apiKey, secret: true });
        await stack.setConfig("hookstream:baseUrl", { value: emulator.url });
        seedProgram(soak, choices, initialSize.channels, initialSize.rules);
    });

    after(async function () {
        this.timeout(10 * 60_000);
        const minutes = ((Date.now() - startedAt) / 60_000).toFixed(1);
        const byKind = Object.entries(totals.faultsByKind)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(", ");
        const kills = Object.values(totals.killsByRecovery).reduce((sum, count) => sum + count, 0);
        console.log(
            [
                `      soak SEED=${seed}: ${totals.rounds} rounds in ${minutes} min`,
                `      operations: ${totals.operations}`,
                `      faults injected: ${totals.faults} (${byKind})`,
                `      ups that failed under chaos (kills aside): ${totals.failedChaoticUps}`,
                `      kills: ${kills} (${recoveries.map((r) => `${recoveryCommands[r]}: ${totals.killsByRecovery[r]}`).join(", ")}); kill rounds whose up ended before its kill point: ${totals.missedKills}; kills that tore the file backend's metadata (recover --cancel ran first): ${totals.tornCheckpoints}`,
                `      invariant violations: ${totals.violations.length}`,
                ...totals.violations.map((violation) => `        - ${violation}`),
            ].join("\n"),
        );
        await stack?.workspace.removeStack(stack.name, { force: true }).catch(() => undefined);
        await emulator?.close();
    });

    /**
     * `refresh` reads every resource first, so reads meet faults too. With `kill`, the `up` runs through the CLI, as
     * a CI job runs it, and is killed at the plan's point; a slow API it was given stays on for the recovery.
     */
    async function up(chaosSeed: number | undefined, refresh = false, kill?: KillPlan): Promise<UpOutcome> {
        const config = soak.stackConfig();
        await stack.setAllConfig({
            channels: { value: config.channels },
            rules: { value: config.rules },
            ...Object.fromEntries([...soak.secrets].map(([key, value]) => [key, { value, secret: true }])),
        });
        const [previous] = await stack.history(1);
        let text = "";
        const collect = (out: string) => (text += out);
        emulator.setChaos(chaosSeed === undefined ? undefined : { seed: chaosSeed, rate: chaosRate });
        if (kill?.point.kind === "in-flight") emulator.setLatency({ writeLatencyMs: kill.point.writeLatencyMs });
        let result: UpResult | Error | undefined;
        let killed: boolean | undefined;
        try {
            if (kill === undefined) {
                result = await stack.up({ onOutput: collect, onError: collect, parallel, refresh });
            } else {
                const args = [
                    ...(refresh ? ["--refresh"] : []),
                    ...(parallel === undefined ? [] : ["--parallel", String(parallel)]),
                ];
                const run = await killedUp(cliContext, args, kill.point, emulator, answers, project);
                ({ killed, text } = run);
                if (run.code !== 0) result = new Error(run.killed ? "killed" : text);
            }
        } catch (error) {
            result = error instanceof Error ? error : new Error(String(error));
        } finally {
            const report = emulator.chaos();
            emulator.setChaos(undefined);
            if (report !== undefined) {
                totals.faults += report.total;
                for (const [kind, count] of Object.entries(report.injected) as Array<[ChaosFaultKind, number]>) {
                    if (count > 0) totals.faultsByKind[kind] = (totals.faultsByKind[kind] ?? 0) + count;
                }
            }
        }
        // A killed `up` leaves no history entry (and may have torn the checkpoint's metadata, which fails history).
        const [latest] = killed === true ? [previous] : await stack.history(1);
        const operations =
            latest === undefined || (previous !== undefined && sameUpdate(latest, previous))
                ? 0
                : Object.entries(latest.resourceChanges ?? {})
                      .filter(([kind]) => kind !== "same")
                      .reduce((sum, [, count]) => sum + count, 0);
        const outcome = killed === undefined ? {} : { killed };
        if (!(result instanceof Error)) return { ok: true, ...outcome, errors: [], operations, text };
        const message = result.message;
        const errors = [...new Set(message.split("\n").filter((line) => /error/i.test(line)))].map((line) =>
            line.trim().slice(0, 300),
        );
        return { ok: false, ...outcome, errors, operations, text: text + "\n" + message };
    }

    /**
     * One round: `up` under chaos (killed, then recovered from, when `kill` is set), `up` without, then every
     * invariant. Returns the violations.
     */
    async function playRound(round: number, edits: string[], refresh: boolean, kill?: KillPlan): Promise<string[]> {
        const violations: string[] = [];
        const chaotic = await up(Math.imul(seed, 1009) + round, refresh, kill);
        let recovery = "";
        let torn = "";
        if (kill !== undefined) {
            if (chaotic.killed === true) {
                totals.killsByRecovery[kill.recovery] += 1;
                const recovered = await recoverWith(kill.recovery, cliContext);
                recovery = recovered.text;
                if (recovered.torn) {
                    totals.tornCheckpoints += 1;
                    torn = "(metadata torn) recover --cancel + ";
                }
                violations.push(...recovered.failures.map((failure) => `the recovery failed: ${failure}`));
            } else {
                totals.missedKills += 1;
            }
            emulator.setLatency({ writeLatencyMs: 0 });
        }
        const clean = await up(undefined);
        totals.operations += chaotic.operations + clean.operations;
        if (!chaotic.ok && chaotic.killed !== true) totals.failedChaoticUps += 1;
        if (!clean.ok) violations.push(`the clean up failed: ${clean.errors.join(" | ")}`);

        const deployment = (await stack.exportStack()).deployment as Parameters<typeof checkCreatesFinished>[0];
        const state = idsInState(deployment);
        violations.push(...state.violations, ...checkApiMatchesState(soak, state, emulator, project));
        violations.push(...findMarkedNames(emulator, project), ...checkCreatesFinished(deployment));

        const dangling = emulator.danglingReferences();
        for (const reference of dangling.slice(danglingSeen)) {
            violations.push(`rule ${reference.ruleId} pointed at deleted channel(s) ${JSON.stringify(reference)}`);
        }
        danglingSeen = dangling.length;

        let previewText = "";
        const preview = await stack.preview({
            onOutput: (out) => (previewText += out),
            onError: (out) => (previewText += out),
        });
        const changes = Object.entries(preview.changeSummary).filter(([kind, count]) => kind !== "same" && count > 0);
        if (changes.length > 0) violations.push(`a no-change preview shows changes: ${JSON.stringify(changes)}`);

        const leaks = findLeaks(new Map([...soak.secretTokens, ["the API key", apiKey]]), {
            "the stored state (pulumi stack export)": await exportStoredState(stack),
            "the output of the up under chaos": chaotic.text,
            "the output of the recovery": recovery,
            "the output of the clean up": clean.text,
            "the output of the preview": previewText,
        });
        violations.push(...leaks);

        // Printed only when no secret leaked, so the log itself stays clean.
        const errorLines = leaks.length === 0 ? chaotic.errors.slice(0, 4) : ["(withheld: a secret leaked)"];
        const under = `up${refresh ? " --refresh" : ""} under chaos`;
        const happened =
            kill === undefined
                ? `${under} ${chaotic.ok ? "succeeded" : "failed"}`
                : chaotic.killed === true
                  ? `${under} killed ${describeKillPoint(kill.point)}, then ${torn}${recoveryCommands[kill.recovery]}`
                  : `${under} to be killed ${describeKillPoint(kill.point)} ${chaotic.ok ? "succeeded" : "failed"} first`;
        console.log(
            [
                `        edits: ${edits.join("; ")}`,
                `        ${happened}; operations ${chaotic.operations} + ${clean.operations}`,
                ...(chaotic.ok || chaotic.killed === true ? [] : errorLines.map((line) => `          ${line}`)),
                ...violations.map((violation) => `        VIOLATION ${violation}`),
            ].join("\n"),
        );
        totals.rounds = round;
        totals.violations.push(...violations.map((violation) => `round ${round}: ${violation}`));
        return violations;
    }

    it(`deploys ${initialSize.channels} channels and ${initialSize.rules} rules under chaos, then converges`, async function () {
        this.timeout(20 * 60_000);
        const kill = chooseKill(choices, killRate, true);
        assert.deepEqual(await playRound(0, ["create the program"], false, kill), []);
    });

    for (let round = 1; round <= rounds; round++) {
        it(`round ${round}: loses nothing when random edits meet random faults and kills`, async function () {
            this.timeout(20 * 60_000);
            const edits = Array.from({ length: choices.int(1, 4) }, () =>
                applyRandomEdit({ program: soak, choices, emulator, project }),
            );
            const refresh = choices.int(0, 1) === 1;
            assert.deepEqual(await playRound(round, edits, refresh, chooseKill(choices, killRate, false)), []);
        });
    }
});

/** The file backend's history entries carry no version: an entry is told by its start and end. */
function sameUpdate(a: UpdateSummary, b: UpdateSummary): boolean {
    return a.startTime.getTime() === b.startTime.getTime() && a.endTime.getTime() === b.endTime.getTime();
}
