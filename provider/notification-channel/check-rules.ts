import type { InputRules } from "../core/check";
import { anyTypeInputSchema, channelArgumentNames, channelInputSchema, type ChannelInput } from "./schema";

/** How `check` judges NotificationChannel arguments. */
export const channelInputRules: InputRules<ChannelInput> = {
    schema: channelInputSchema,
    discriminator: { key: "channelType", schemaWithoutIt: anyTypeInputSchema },
    argumentNames: channelArgumentNames,
    nestedHint: "for this channel type (see the config shapes in the README)",
    defaults: { enabled: true },
};
