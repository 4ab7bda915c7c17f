import type { ProjectSampler } from "../core/project-guard";
import { listRulePage } from "./endpoints";

/** The key's project as the alert-rule list shows it: the `env_id` of its first rule. */
export const sampleRuleProject: ProjectSampler = async (api) => {
    const page = await listRulePage(api, { limit: 1 });
    const first = page.items[0];
    return first === undefined ? undefined : (first.envId ?? null);
};
