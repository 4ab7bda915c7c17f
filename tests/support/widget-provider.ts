import { buildProvider } from "../../provider/core/kind-provider";
import { widgetKind } from "./widget-kind";

/** The test-only widget's provider, built by core from its descriptor as the registry's kinds are. */
export const widgetProvider = buildProvider(widgetKind, { kinds: [widgetKind] });

/**
 * The `__provider` text for a widget, and the environment its host needs. The registered kinds' shims reach their
 * provider through the package's runtime (provider/core/shim.ts), which serves the registry; the widget is in no
 * registry, so its text requires this module directly, which the host process loads through ts-node.
 */
export function widgetProviderText(): { text: string; env: NodeJS.ProcessEnv } {
    return {
        text: `exports.handler = () => require(${JSON.stringify(__filename)}).widgetProvider;\n`,
        env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ts-node/register/transpile-only`.trim() },
    };
}
