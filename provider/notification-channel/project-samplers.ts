import type { ProjectSampler } from "../core/project-guard";
import { listChannelPage } from "./endpoints";

/** The key's project as the channel list shows it: the `env_id` of its first channel. */
export const sampleChannelProject: ProjectSampler = async (api) => {
    const page = await listChannelPage(api, { limit: 1 });
    const first = page.items[0];
    return first === undefined ? undefined : (first.envId ?? null);
};
