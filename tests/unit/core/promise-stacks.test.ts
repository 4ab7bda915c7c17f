import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { AlertRule, NotificationChannel } from "../../../provider";

/**
 * A resource class registers with Node's stack-frame limit at 0, so the SDK's per-promise stack traces cost nothing
 * (provider/core/promise-stacks.ts), and puts the limit back after; the SDK's own record of where the resource was
 * declared still sees every frame; `PULUMI_DEBUG_PROMISE_LEAKS` keeps the traces; an error thrown while registering
 * still shows where the resource was declared. A legacy transformation runs inside the registration: it looks.
 */
describe("promise stacks while a resource class registers", function () {
    before(async function () {
        await pulumi.runtime.setMocks(
            { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
            "stacks",
            "dev",
            false,
        );
    });

    const email = { channelType: "email" as const, config: { recipients: ["ops@example.com"] } };
    /** The limit, and the frames the SDK's own record of the declaration saw, during the registration. */
    const during = (declare: (opts: pulumi.CustomResourceOptions) => void) => {
        const seen = { limit: -1, callsites: 0 };
        declare({
            transformations: [
                () => {
                    seen.limit = Error.stackTraceLimit;
                    const callsites = (pulumi.Resource as unknown as { callsites(): unknown[] }).callsites();
                    seen.callsites = callsites.length;
                    return undefined;
                },
            ],
        });
        return seen;
    };

    let limit: number;
    beforeEach(() => {
        limit = Error.stackTraceLimit;
        Error.stackTraceLimit = 25;
    });
    afterEach(() => {
        Error.stackTraceLimit = limit;
        delete process.env.PULUMI_DEBUG_PROMISE_LEAKS;
    });

    it("registers a channel and a rule with the limit at 0, and puts it back", function () {
        const channel = during((opts) => new NotificationChannel("ops", email, opts));
        assert.equal(channel.limit, 0);
        assert.ok(channel.callsites > 3, `the SDK's record saw ${channel.callsites} frames`);
        const rule = during(
            (opts) => new AlertRule("slow", { ruleType: "latency", ruleConfig: { thresholdMs: 2000 } }, opts),
        );
        assert.equal(rule.limit, 0);
        assert.equal(Error.stackTraceLimit, 25);
    });

    it("leaves the limit alone with PULUMI_DEBUG_PROMISE_LEAKS set", function () {
        process.env.PULUMI_DEBUG_PROMISE_LEAKS = "true";
        assert.equal(during((opts) => new NotificationChannel("leaks", email, opts)).limit, 25);
        assert.equal(Error.stackTraceLimit, 25);
    });

    it("puts the limit back when the registration throws, and the error shows where the resource was declared", function () {
        const declaredHere = () =>
            new NotificationChannel("thrown", email, {
                transformations: [
                    () => {
                        throw new Error("a transformation failed");
                    },
                ],
            });
        assert.throws(declaredHere, (error: Error) => {
            assert.match(error.message, /a transformation failed/);
            assert.match(error.stack ?? "", /\n\s+at .*promise-stacks\.test\.ts/);
            return true;
        });
        assert.equal(Error.stackTraceLimit, 25);
    });
});
