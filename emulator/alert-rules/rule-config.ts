import { z } from "zod";
import { expected, toParsed } from "../parse";
import type { Parsed } from "../parsed";
import type { RuleType } from "./rule-types";

/**
 * `rule_config` per `rule_type`. The generated reference types it only as `object` (R-AR-CREATE), and the two
 * hand-written pages disagree (`docs/hookstream-api.md §6.7`, §8 rows 17–20), so every documented spelling is
 * accepted and nothing is converted:
 *
 * - `failure_rate` `{threshold}`: AR writes 10 % as `0.1`, GUIDE as `10`; both lie in (0, 100].
 * - `latency`: AR's `{threshold_ms, percentile_target?}` or GUIDE's `{threshold}` (ms, p95), never a mix of the two.
 *   `percentile_target`'s format is undocumented: a percentile number (95) or P50/P95/P99 as hookstream's metrics API
 *   names them, in lower case.
 * - `volume_drop` `{threshold}`: a number of unknown unit (§8 row 19).
 * - `dlq` `{threshold}`: a count of events (consistent across pages).
 * - `issue_opened` `{}` (GUIDE; AR lists no keys).
 *
 * Where the docs are silent the emulator is strict, because a typo in a client is what an emulator exists to catch:
 * a threshold rule needs its threshold (an omitted `rule_config` counts as `{}`), thresholds are JSON numbers, and
 * unknown keys are refused.
 */
const threshold = z.number({ error: expected("a number") });
const positive = threshold.gt(0, { error: "must be greater than 0" });

const configSchemas = {
    failure_rate: z.strictObject({ threshold: positive.max(100, { error: "must be at most 100" }) }),
    latencyApi: z.strictObject({
        threshold_ms: positive,
        percentile_target: z
            .union([z.number().gt(0).lt(100), z.enum(["p50", "p95", "p99"])], {
                error: "must be a percentile from 0 to 100 or one of p50, p95, p99",
            })
            .optional(),
    }),
    latencyGuide: z.strictObject({ threshold: positive }),
    volume_drop: z.strictObject({ threshold: threshold.min(0, { error: "must be 0 or more" }) }),
    dlq: z.strictObject({
        threshold: z
            .number({ error: expected("a whole number of events") })
            .int({ error: "must be a whole number of events" })
            .min(0, { error: "must be 0 or more" }),
    }),
    issue_opened: z.strictObject({}),
};

export function parseRuleConfig(ruleType: RuleType, config: Record<string, unknown>): Parsed<Record<string, unknown>> {
    const schema =
        ruleType === "latency"
            ? "threshold" in config
                ? configSchemas.latencyGuide
                : configSchemas.latencyApi
            : configSchemas[ruleType];
    return toParsed<Record<string, unknown>>(schema.safeParse(config), ["rule_config"]);
}
