import * as pulumi from "@pulumi/pulumi";

/**
 * Lets a resource class register without the stack trace the Pulumi SDK writes down for every promise it makes while
 * registering: `debuggablePromise` reads `new Error().stack` for each, four per output property, and formatting those
 * traces (through ts-node's source maps in a TypeScript program) was about 40 % of a large program's CPU time in a
 * preview (docs/performance.md). The SDK prints them only with `PULUMI_DEBUG_PROMISE_LEAKS` set; then nothing changes.
 *
 * Node's limit on stack frames is lowered for the registration only, and only with an SDK whose record of where the
 * resource was declared (its `callsites`) raises the limit itself: that record, kept in state, stays whole. An error
 * thrown while the limit was lowered gets the stack of the constructor's call instead of none.
 *
 * Loaded in the program process: it must import nothing but `@pulumi/pulumi`.
 */
export function trimPromiseStacks(): { restore<E>(error?: E): E | undefined } {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS || !sdkTakesItsOwnStack) return { restore: (error) => error };
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const restore = <E>(error?: E): E | undefined => {
        Error.stackTraceLimit = limit;
        // The frames from the constructor's call outwards, which is where the user looks.
        if (error instanceof Error && !/\n\s+at /.test(error.stack ?? "")) Error.captureStackTrace(error, restore);
        return error;
    };
    return { restore };
}

/** Whether `Resource.callsites` sets its own limit, as @pulumi/pulumi has since it records stack traces in state. */
const sdkTakesItsOwnStack = /stackTraceLimit/.test(
    String((pulumi.Resource as unknown as { callsites?: () => unknown }).callsites ?? ""),
);
