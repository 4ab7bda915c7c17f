import * as nodeModule from "node:module";
import { assertSupportedNode } from "../provider/core/node-version";

/**
 * The entry of `pulumi-resource-hookstream`: the engine starts it (with its own address as the argument, which this
 * provider does not need), reads the port from the first line of stdout, and stops the process when done. V8's code
 * cache on disk is on first, as in the dynamic host's runtime.ts: every `pulumi` command starts a new plugin process.
 */
nodeModule.enableCompileCache?.();
try {
    assertSupportedNode();
} catch (error) {
    // Before anything else loads: on an older Node.js a dependency would fail later with an obscure error.
    console.error(`pulumi-resource-hookstream: ${(error as Error).message}`);
    process.exit(1);
}
import serverModule = require("./server");
import schemaFile = require("./schema-file");

async function main(): Promise<void> {
    const { version } = require(`${schemaFile.packageRoot()}/package.json`) as { version: string };
    const server = await serverModule.startPluginServer(version);
    // The engine stops the plugin without a normal exit, which is when Node would write the cache.
    nodeModule.flushCompileCache?.();
    // A plain string, so that Node never colours it: the engine parses this line.
    process.stdout.write(`${server.port}\n`);
}

main().catch((error: unknown) => {
    console.error(`pulumi-resource-hookstream: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
});
