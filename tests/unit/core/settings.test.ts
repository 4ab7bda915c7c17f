import assert from "node:assert/strict";
import { defaultBaseUrl, readStackSettings, resolveSettings } from "../../../provider/core/settings";
import { isHookstreamError } from "../../../provider/core/errors";

const stackKey = `hs_live_${"a".repeat(64)}`;
const envKey = `hs_test_${"b".repeat(64)}`;

function configReader(values: Record<string, string>) {
    return { get: (key: string) => values[key] };
}

/** Runs `fn`, expecting a ConfigError, and returns its message. */
function configErrorOf(fn: () => unknown): string {
    let message: string | undefined;
    assert.throws(fn, (error: unknown) => {
        assert.ok(isHookstreamError(error, "HOOKSTREAM_CONFIG_ERROR"), `not a config error: ${String(error)}`);
        message = (error as Error).message;
        return true;
    });
    return message ?? "";
}

describe("resolveSettings", () => {
    describe("API key", () => {
        it("takes the stack's key over HOOKSTREAM_API_KEY", () => {
            assert.equal(resolveSettings({ apiKey: stackKey }, { HOOKSTREAM_API_KEY: envKey }).apiKey, stackKey);
        });

        it("falls back to HOOKSTREAM_API_KEY when the stack has no key", () => {
            assert.equal(resolveSettings({}, { HOOKSTREAM_API_KEY: envKey }).apiKey, envKey);
        });

        for (const blank of ["", "   ", "\t\n"]) {
            it(`treats HOOKSTREAM_API_KEY=${JSON.stringify(blank)} as unset`, () => {
                configErrorOf(() => resolveSettings({}, { HOOKSTREAM_API_KEY: blank }));
            });
        }

        // StackSettings may come from setStackSettings (provider.ts), not only from readStackSettings.
        it("treats a blank stack key as unset and falls back to HOOKSTREAM_API_KEY", () => {
            assert.equal(resolveSettings({ apiKey: "  " }, { HOOKSTREAM_API_KEY: envKey }).apiKey, envKey);
        });

        it("names both ways to set a missing key", () => {
            const message = configErrorOf(() => resolveSettings({}, {}));
            assert.ok(message.includes("pulumi config set --secret hookstream:apiKey"), message);
            assert.ok(message.includes("HOOKSTREAM_API_KEY"), message);
        });

        it("never puts a key in a configuration error", () => {
            const messages = [
                configErrorOf(() => resolveSettings({ apiKey: stackKey, baseUrl: "not a url" }, {})),
                configErrorOf(() =>
                    resolveSettings({}, { HOOKSTREAM_API_KEY: envKey, HOOKSTREAM_BASE_URL: "ftp://x" }),
                ),
                configErrorOf(() =>
                    resolveSettings({ apiKey: stackKey, baseUrl: `https://u:${stackKey}@x.example` }, {}),
                ),
                configErrorOf(() => resolveSettings({}, { HOOKSTREAM_API_KEY: " " })),
            ];
            for (const message of messages) {
                assert.ok(!message.includes(stackKey) && !message.includes(envKey), message);
                assert.doesNotMatch(message, /hs_(live|test)_[0-9a-f]/);
            }
        });
    });

    describe("base URL", () => {
        it("defaults to https://hookstream.io/v1", () => {
            assert.equal(defaultBaseUrl, "https://hookstream.io/v1");
            assert.deepEqual(resolveSettings({ apiKey: stackKey }, {}), {
                apiKey: stackKey,
                baseUrl: "https://hookstream.io/v1",
            });
        });

        it("takes the stack's base URL over HOOKSTREAM_BASE_URL", () => {
            const settings = resolveSettings(
                { apiKey: stackKey, baseUrl: "https://stack.example.com/v1" },
                { HOOKSTREAM_BASE_URL: "https://env.example.com/v1" },
            );
            assert.equal(settings.baseUrl, "https://stack.example.com/v1");
        });

        it("falls back to HOOKSTREAM_BASE_URL", () => {
            const settings = resolveSettings({ apiKey: stackKey }, { HOOKSTREAM_BASE_URL: "http://127.0.0.1:8787/v1" });
            assert.equal(settings.baseUrl, "http://127.0.0.1:8787/v1");
        });

        it("treats a blank HOOKSTREAM_BASE_URL as unset", () => {
            assert.equal(resolveSettings({ apiKey: stackKey }, { HOOKSTREAM_BASE_URL: "  " }).baseUrl, defaultBaseUrl);
        });

        it("treats a blank stack base URL as unset", () => {
            assert.equal(resolveSettings({ apiKey: stackKey, baseUrl: "" }, {}).baseUrl, defaultBaseUrl);
        });

        const trimmed: [string, string][] = [
            ["https://hookstream.example.com/v1/", "https://hookstream.example.com/v1"],
            ["https://hookstream.example.com/v1//", "https://hookstream.example.com/v1"],
            ["http://localhost:8787", "http://localhost:8787"],
            ["HTTPS://Hookstream.Example.com/v1", "https://hookstream.example.com/v1"],
        ];
        for (const [input, expected] of trimmed) {
            it(`normalises ${input} to ${expected}`, () => {
                assert.equal(resolveSettings({ apiKey: stackKey, baseUrl: input }, {}).baseUrl, expected);
            });
        }

        const rejected: [string, string, RegExp][] = [
            ["a relative URL", "/v1", /absolute URL/],
            ["text that is not a URL", "hookstream.io", /absolute URL/],
            ["an ftp URL", "ftp://hookstream.io/v1", /must use https:\/\/ or http:\/\/, not ftp:/],
            ["a file URL", "file:///tmp/hookstream", /must use https:\/\/ or http:\/\//],
            ["a URL with credentials", "https://user:pass-word-1@hookstream.io/v1", /must not carry credentials/],
            ["a URL with a user name", "https://someone@hookstream.io/v1", /must not carry credentials/],
        ];
        for (const [what, baseUrl, reason] of rejected) {
            it(`rejects ${what} as the base URL`, () => {
                const message = configErrorOf(() => resolveSettings({ apiKey: stackKey, baseUrl }, {}));
                assert.match(message, reason);
                assert.ok(!message.includes("pass-word-1"), message);
            });

            it(`rejects ${what} in HOOKSTREAM_BASE_URL`, () => {
                const message = configErrorOf(() =>
                    resolveSettings({ apiKey: stackKey }, { HOOKSTREAM_BASE_URL: baseUrl }),
                );
                assert.match(message, reason);
            });
        }
    });
});

describe("readStackSettings", () => {
    it("reads hookstream:apiKey and hookstream:baseUrl", () => {
        const settings = readStackSettings(
            configReader({ "hookstream:apiKey": stackKey, "hookstream:baseUrl": "https://x.example/v1" }),
        );
        assert.deepEqual(settings, { apiKey: stackKey, baseUrl: "https://x.example/v1" });
    });

    it("ignores keys outside the hookstream namespace", () => {
        const settings = readStackSettings(configReader({ apiKey: stackKey, "other:baseUrl": "https://x.example" }));
        assert.equal(settings.apiKey, undefined);
        assert.equal(settings.baseUrl, undefined);
    });

    it("treats blank values as unset", () => {
        const settings = readStackSettings(configReader({ "hookstream:apiKey": "", "hookstream:baseUrl": "  " }));
        assert.equal(settings.apiKey, undefined);
        assert.equal(settings.baseUrl, undefined);
    });

    it("lets a blank stack key fall through to HOOKSTREAM_API_KEY", () => {
        const stack = readStackSettings(configReader({ "hookstream:apiKey": " " }));
        assert.equal(resolveSettings(stack, { HOOKSTREAM_API_KEY: envKey }).apiKey, envKey);
    });
});
