import { ruleBlocks } from "./alert-rule-blocks";
import type { BlockRenderer } from "./block-renderer";
import { channelBlocks } from "./channel-blocks";

/** How `discover` writes each registered kind (provider/resources.ts), by the kind's name. */
export const renderers: Readonly<Record<string, BlockRenderer<{ id: string; name: string }>>> = {
    NotificationChannel: channelBlocks,
    AlertRule: ruleBlocks,
};
