import * as nodeModule from "node:module";

/**
 * What the shim loads in the dynamic-provider host: the provider, with V8's code cache on disk turned on first.
 * Every `pulumi` command starts a new host process, which would otherwise compile undici and zod from source again
 * (≈ 120 ms of each command on the reference machine, ≈ 87 ms with the cache; `npm run bench`). The cache is
 * Node's own (Node ≥ 22.1; `NODE_COMPILE_CACHE` chooses the directory, `NODE_DISABLE_COMPILE_CACHE=1` turns it off).
 */
nodeModule.enableCompileCache?.();
// Loaded after the cache is on, so that its dependencies are read from it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runtime = require("./provider") as typeof import("./provider");
// The engine stops the host without a normal exit, which is when Node would write the cache.
nodeModule.flushCompileCache?.();

export = runtime;
