import type { ProjectSampler } from "./core/project-guard";
import { sampleRuleProject } from "./alert-rule/project-samplers";
import { sampleChannelProject } from "./notification-channel/project-samplers";

/**
 * Where the wrong-project guard learns the key's project (core/project-guard.ts): every list of the project, so a
 * project that holds only channels, or only rules, still names itself. Adding a resource is one line here.
 */
export const projectSamplers: readonly ProjectSampler[] = [sampleChannelProject, sampleRuleProject];
