import { ConfigError } from "./errors";

export const defaultBaseUrl = "https://hookstream.io/v1";

/** What the stack said, copied out of `configure` before anything awaits (connection.ts, `configureFromStack`). */
export interface StackSettings {
    apiKey?: string;
    baseUrl?: string;
}

export interface Settings {
    apiKey: string;
    baseUrl: string;
}

interface ConfigReader {
    get(key: string): string | undefined;
}

export function readStackSettings(config: ConfigReader): StackSettings {
    return { apiKey: present(config.get("hookstream:apiKey")), baseUrl: present(config.get("hookstream:baseUrl")) };
}

/**
 * Stack config first, then the environment, read by each provider process (never stored) so a rotated key works for
 * `destroy` without an `up` first. An empty string counts as unset, as t3-env treats it.
 */
export function resolveSettings(stack: StackSettings, env: NodeJS.ProcessEnv = process.env): Settings {
    const apiKey = present(stack.apiKey) ?? present(env.HOOKSTREAM_API_KEY);
    if (apiKey === undefined) {
        throw new ConfigError(
            "no hookstream API key: set it per stack with `pulumi config set --secret hookstream:apiKey <key>` " +
                "or export HOOKSTREAM_API_KEY",
        );
    }
    const baseUrl = present(stack.baseUrl) ?? present(env.HOOKSTREAM_BASE_URL) ?? defaultBaseUrl;
    let url: URL;
    try {
        url = new URL(baseUrl);
    } catch {
        throw new ConfigError(
            "hookstream:baseUrl (or HOOKSTREAM_BASE_URL) must be an absolute URL such as https://hookstream.io/v1",
        );
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
        throw new ConfigError(`hookstream:baseUrl must use https:// or http://, not ${url.protocol}//`);
    }
    if (url.username !== "" || url.password !== "") {
        throw new ConfigError("hookstream:baseUrl must not carry credentials; use hookstream:apiKey");
    }
    return { apiKey, baseUrl: url.href.replace(/\/+$/, "") };
}

function present(value: string | undefined): string | undefined {
    return value === undefined || value.trim() === "" ? undefined : value;
}
