import { listEveryObject } from "../provider/core/resource-kind";
import { resolveSettings } from "../provider/core/settings";
import { Transport } from "../provider/core/transport";
import { resourceKinds } from "../provider/resources";
import { renderProgram, unfinishedCreateNotes } from "./discover";
import { PulumiCli } from "./recover/pulumi-cli";

export interface DiscoverOptions {
    baseUrl: string | undefined;
    revealSecrets: boolean;
    /** Read the key and base URL from this stack's config (through the user's `pulumi` CLI). */
    stack: string | undefined;
    cwd: string;
}

/**
 * `hookstream-pulumi discover`: lists every registered kind in the key's project and writes the program that adopts
 * them to stdout (progress to stderr). The key comes from the stack's `hookstream:apiKey` when `--stack` names one,
 * else from HOOKSTREAM_API_KEY, never from the command line (it would end up in shell history and process lists); the
 * base URL from `--base-url`, the stack's `hookstream:baseUrl`, HOOKSTREAM_BASE_URL, then hookstream's own.
 */
export async function discover(options: DiscoverOptions, print: (line: string) => void): Promise<string> {
    const stack = options.stack === undefined ? undefined : new PulumiCli({ cwd: options.cwd, stack: options.stack });
    const settings = resolveSettings({
        apiKey: await stack?.config("hookstream:apiKey"),
        baseUrl: options.baseUrl ?? (await stack?.config("hookstream:baseUrl")),
    });
    const api = new Transport(settings);
    print(`listing the project's objects at ${settings.baseUrl}${options.stack ? ` (stack ${options.stack})` : ""} …`);
    const held: Record<string, { id: string; name: string }[]> = {};
    for (const kind of resourceKinds) {
        held[kind.name] = await listEveryObject(api, kind, (count) => print(`  ${count} ${kind.label}(s) so far`));
    }
    const all = Object.values(held).flat();
    for (const note of unfinishedCreateNotes(all)) print(note);
    const program = renderProgram(held, { revealSecrets: options.revealSecrets });
    const counts = resourceKinds.map((kind) => `${held[kind.name]!.length} ${kind.label}(s)`).join(" and ");
    print(
        `found ${counts}` +
            (program.secrets.length > 0 ? `; set ${program.secrets.length} secret(s) as listed at the top` : "") +
            "; the first `pulumi preview` shows each as `+ create` (an adoption), and `pulumi up` changes none of them",
    );
    return program.code;
}
