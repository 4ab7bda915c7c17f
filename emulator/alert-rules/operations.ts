import type { Parsed } from "../parse";
import { fail, ok, type Outcome } from "../routing";
import { isKnownProject, type EmulatorState } from "../state";
import type { StoredAlertRule } from "./store";
import { parseAlertRulePatch, parseCreateAlertRule, parseSeedAlertRule, type NewAlertRule } from "./validate";
import { mintAlertRuleId } from "./wire";

/** What the API, the control API and the programmatic API do to alert rules, validated the same way for all three. */

export const alertRuleNotFound = "Alert rule not found";

export function createAlertRule(state: EmulatorState, project: string, body: unknown): Outcome<StoredAlertRule> {
    return insert(state, project, parseCreateAlertRule(body));
}

/** A rule put in place out of band, as if someone had used the dashboard; it may start disabled. */
export function seedAlertRule(state: EmulatorState, project: unknown, input: unknown): Outcome<StoredAlertRule> {
    if (!isKnownProject(state, project)) {
        return fail(400, "Invalid body: 'project' must name the project of a configured API key");
    }
    return insert(state, project, parseSeedAlertRule(input));
}

export function patchAlertRule(
    state: EmulatorState,
    rule: StoredAlertRule | undefined,
    body: unknown,
): Outcome<StoredAlertRule> {
    if (rule === undefined) return fail(404, alertRuleNotFound);
    const patch = parseAlertRulePatch(body, rule.rule_type);
    if (!patch.success) return fail(400, patch.message);
    if (patch.data.channel_ids !== undefined) {
        const unknown = findUnknownChannel(state, rule.project, patch.data.channel_ids);
        if (unknown !== undefined) return fail(400, unknown);
    }
    return ok(state.alertRules.update(rule, patch.data));
}

export function removeAlertRule(state: EmulatorState, rule: StoredAlertRule | undefined): Outcome<undefined> {
    if (rule === undefined) return fail(404, alertRuleNotFound);
    state.alertRules.delete(rule.id);
    return ok(undefined);
}

function insert(state: EmulatorState, project: string, parsed: Parsed<NewAlertRule>): Outcome<StoredAlertRule> {
    if (!parsed.success) return fail(400, parsed.message);
    const unknown = findUnknownChannel(state, project, parsed.data.channel_ids);
    if (unknown !== undefined) return fail(400, unknown);
    return ok(state.alertRules.create(project, mintAlertRuleId(state.shape), parsed.data));
}

/**
 * Every id in `channel_ids` must be a channel of the rule's own project. The docs are silent on unknown or foreign
 * ids (hookstream-alert-rules.md §1.2 "Validation", §5.2 item 6, open question 9), so the emulator takes the strict
 * reading, and answers 400 because R-AR-CREATE lists 400 and no 404 (§1.2, §7.2). A channel of another project is as
 * unknown as a missing one (ERR: 404 covers another project's resources). Disabled channels are accepted: `enabled`
 * only decides whether a channel is sent to (§5.2 item 6).
 */
function findUnknownChannel(state: EmulatorState, project: string, channelIds: string[]): string | undefined {
    const index = channelIds.findIndex((id) => state.channels.find(project, id) === undefined);
    return index === -1
        ? undefined
        : `Invalid body: 'channel_ids.${index}' must be the id of a notification channel of this project`;
}
