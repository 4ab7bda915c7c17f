import * as nodeModule from "node:module";
import type { ResourceProvider } from "@pulumi/pulumi/dynamic";
import { assertSupportedNode } from "./core/node-version";

/**
 * What the shims load in the dynamic-provider host: each resource kind's provider, with V8's code cache on disk turned
 * on first. Every `pulumi` command starts a new host process, which would otherwise compile undici and zod from
 * source again. The cache is Node's own (`NODE_COMPILE_CACHE` chooses the directory, `NODE_DISABLE_COMPILE_CACHE=1`
 * turns it off).
 */
nodeModule.enableCompileCache?.();
assertSupportedNode();
// Loaded after the cache is on, so that their dependencies are read from it.
import providersModule = require("./providers");
import createFinishModule = require("./create-finish/provider");
// The engine stops the host without a normal exit, which is when Node would write the cache.
nodeModule.flushCompileCache?.();

/** What each shim asks for by name: every kind's provider, and the step that finishes a create. */
export const providers: Readonly<Record<string, ResourceProvider>> = {
    ...providersModule.providers,
    CreateFinish: createFinishModule.createFinishProvider,
};
/** The NotificationChannel provider, under the name the shims of pulumi-hookstream 0.1.0 look up. */
export const provider = providers.NotificationChannel!;
/** Points every provider at a server without the engine: for the benchmark and tests. */
export { setStackSettings } from "./core/connection";
