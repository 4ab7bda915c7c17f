import { kindOfToken } from "../../../provider/resources";
import { signatureKey, secretSignature } from "../../../native/secret-values";
import { NativeHost, assertBuilt } from "../../support/native-host";
import { NativeResourceHost } from "../../support/native-resource-host";
import { ProviderHost } from "../../support/provider-host";
import { hostNames, type HostName, type ResourceHost } from "../../support/resource-host";
import type { HostServer, HostTable } from "./host-table";

/**
 * The hosts a table runs through: both for a registered kind; the dynamic-provider host alone for the test-only
 * widget, which is in no registry and so is a type the native plugin does not serve.
 */
export function hostsOf(table: Pick<HostTable, "kind">): readonly HostName[] {
    return kindOfToken(table.kind.tokens.native) === table.kind ? hostNames : ["dynamic"];
}

/** Each table paired with each host it runs through, tables first: what a suite makes one describe of. */
export function withEachHost<T extends Pick<HostTable, "kind">>(tables: readonly T[]): Array<readonly [T, HostName]> {
    return tables.flatMap((table) => hostsOf(table).map((host) => [table, host] as const));
}

/**
 * Starts a host for the table's kind and configures it for the table's server and key as the engine does: the
 * dynamic-provider host with namespaced stack config, the native plugin with `hookstream:config:*` variables and
 * the key a wrapped secret in the arguments. The environment's HOOKSTREAM_* fallbacks are emptied for the plugin,
 * so that only the stack config decides.
 */
export async function startTableHost(
    name: HostName,
    table: Pick<HostTable, "kind" | "apiKey" | "providerText">,
    server: HostServer,
    extraEnv: Record<string, string> = {},
): Promise<ResourceHost> {
    if (name === "dynamic") {
        const { text, env } = await table.providerText();
        const host = await ProviderHost.start(text, { env: { ...env, ...extraEnv } });
        await host.configure({ "hookstream:apiKey": table.apiKey, "hookstream:baseUrl": server.url });
        return host;
    }
    assertBuilt();
    const host = await NativeHost.start({ env: { HOOKSTREAM_API_KEY: "", HOOKSTREAM_BASE_URL: "", ...extraEnv } });
    await host.configure(
        { "hookstream:config:apiKey": table.apiKey, "hookstream:config:baseUrl": server.url },
        { apiKey: { [signatureKey]: secretSignature, value: table.apiKey }, baseUrl: server.url },
    );
    return new NativeResourceHost(host, table.kind.tokens.native);
}
