import assert from "node:assert/strict";
import type { z } from "zod";
import {
    channelTypes,
    type ChannelConfigs,
    type ChannelType,
} from "../../../provider/notification-channel/channel-types";
import type { NotificationChannelArgs } from "../../../provider/notification-channel/resource";
import type { ChannelInput, configSchemas } from "../../../provider/notification-channel/schema";

/**
 * The published types are plain TypeScript (a user's project compiles them without zod); `check` validates with zod.
 * These checks fail to compile (`npm run typecheck`) when one changes without the other.
 */

/** True when each type is assignable to the other and both name the same keys (optional ones included). */
type Assignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Same<A, B> = Assignable<A, B> extends true ? Assignable<keyof A, keyof B> : false;

const configsAgree: {
    [T in ChannelType]: [
        Same<z.output<(typeof configSchemas)[T]>, ChannelConfigs[T]>,
        Same<z.input<(typeof configSchemas)[T]>, ChannelConfigs[T]>,
    ];
} = {
    webhook: [true, true],
    slack: [true, true],
    discord: [true, true],
    email: [true, true],
};

/** Every argument a program can pass is one `check` knows, and the other way round (`__urn` and `__finishAfterSave` are the class's own, `__createToken` check's). */
type ArgumentNames = keyof NotificationChannelArgs;
type CheckedNames = Exclude<keyof ChannelInput, "__urn" | "__createToken" | "__finishAfterSave">;
const argumentsAgree: Same<ArgumentNames, CheckedNames> = true;

/** The discriminant is a plain literal per member, so a compile error names the wrong config field. */
const discriminantIsPlain: Same<NotificationChannelArgs["channelType"], ChannelType> = true;

describe("public types and schemas", () => {
    it("agree for every channel type, argument and discriminant", () => {
        assert.deepEqual(Object.keys(configsAgree).sort(), [...channelTypes].sort());
        assert.equal(argumentsAgree && discriminantIsPlain, true);
    });
});
