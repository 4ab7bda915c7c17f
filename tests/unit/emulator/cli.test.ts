import assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { once } from "node:events";
import * as path from "node:path";
import { formatRequestLine, parseCommandLine, type CommandLine } from "../../../emulator/cli";

const repoRoot = path.resolve(__dirname, "..", "..", "..");
const secretKey = "hs_test_cli_0123456789abcdef";

/** The CLI from source, on the Node that runs the tests (the project's Node 24). */
function startCli(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcessWithoutNullStreams {
    const { HOOKSTREAM_EMULATOR_API_KEYS: _ignored, ...inherited } = process.env;
    return spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", ...args], {
        cwd: repoRoot,
        env: { ...inherited, ...env },
    });
}

function collect(stream: NodeJS.ReadableStream): () => string {
    let text = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => (text += chunk));
    return () => text;
}

/** Resolves with the first line; leaves the stream open, since the CLI may still write to it. */
function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
    return new Promise((resolve, reject) => {
        let text = "";
        const onData = (chunk: Buffer) => {
            text += chunk.toString("utf8");
            const end = text.indexOf("\n");
            if (end === -1) return;
            stream.off("data", onData).off("end", onEnd);
            resolve(text.slice(0, end));
        };
        const onEnd = () => reject(new Error(`the stream ended before a full line: ${JSON.stringify(text)}`));
        stream.on("data", onData).once("end", onEnd);
    });
}

describe("parseCommandLine", function () {
    const table: Array<[string, string[], NodeJS.ProcessEnv, CommandLine]> = [
        [
            "keys with and without a project, and the defaults",
            ["--api-key", "k1=dev", "--api-key", "k2"],
            {},
            { kind: "run", options: { port: 8787, apiKeys: { k1: "dev", k2: "default" }, retryAfter: false } },
        ],
        [
            "every option",
            [
                ...["--port", "0", "--api-key", "k=p", "--shape", "docs", "--rate-limit", "100/60", "--retry-after"],
                ...["--latency", "40"],
            ],
            {},
            {
                kind: "run",
                options: {
                    port: 0,
                    apiKeys: { k: "p" },
                    retryAfter: true,
                    shape: "docs",
                    rateLimit: { limit: 100, windowMs: 60_000 },
                    latencyMs: 40,
                },
            },
        ],
        [
            "keys from HOOKSTREAM_EMULATOR_API_KEYS when no flag is given",
            [],
            { HOOKSTREAM_EMULATOR_API_KEYS: "k1=dev, k2=prod,k3" },
            {
                kind: "run",
                options: { port: 8787, apiKeys: { k1: "dev", k2: "prod", k3: "default" }, retryAfter: false },
            },
        ],
        [
            "flags over the environment",
            ["--api-key", "flag=p"],
            { HOOKSTREAM_EMULATOR_API_KEYS: "env=q" },
            { kind: "run", options: { port: 8787, apiKeys: { flag: "p" }, retryAfter: false } },
        ],
        ["help", ["--help"], {}, { kind: "help" }],
    ];
    for (const [what, args, env, expected] of table) {
        it(`reads ${what}`, function () {
            assert.deepEqual(parseCommandLine(args, env), expected);
        });
    }

    const errors: Array<[string, string[], NodeJS.ProcessEnv, RegExp]> = [
        ["no key", [], {}, /an API key is required/],
        ["an empty HOOKSTREAM_EMULATOR_API_KEYS", [], { HOOKSTREAM_EMULATOR_API_KEYS: "" }, /an API key is required/],
        ["an empty project", ["--api-key", `${secretKey}=`], {}, /KEY or KEY=PROJECT/],
        ["a key given twice", ["--api-key", secretKey, "--api-key", `${secretKey}=b`], {}, /given twice/],
        ["a bad port", ["--api-key", "k", "--port", "80a"], {}, /--port must be a number/],
        ["a port out of range", ["--api-key", "k", "--port", "65536"], {}, /--port must be a number/],
        ["an unknown shape", ["--api-key", "k", "--shape", "flat"], {}, /--shape must be one of reference, docs/],
        ["a bad rate limit", ["--api-key", "k", "--rate-limit", "100"], {}, /--rate-limit must be N\/SECONDS/],
        ["a zero rate limit", ["--api-key", "k", "--rate-limit", "0/60"], {}, /--rate-limit must be N\/SECONDS/],
        ["an unknown option", ["--api-key", "k", "--verbose"], {}, /Unknown option '--verbose'/],
        ["a latency that is not a number", ["--api-key", "k", "--latency", "40ms"], {}, /--latency must be a whole/],
    ];
    for (const [what, args, env, message] of errors) {
        it(`reports ${what}, without echoing the key`, function () {
            const result = parseCommandLine(args, env);
            assert.equal(result.kind, "error");
            assert.match((result as { message: string }).message, message);
            assert.equal((result as { message: string }).message.includes(secretKey), false);
        });
    }
});

describe("formatRequestLine", function () {
    it("names the method, path, status and project, and never a body", function () {
        const line = formatRequestLine({
            method: "POST",
            path: "/v1/notification-channels",
            query: {},
            project: "dev",
            status: 201,
            body: { config: { secret: "whsec-top-secret" } },
            apiKeyPresent: true,
        });
        assert.equal(line, "POST /v1/notification-channels 201 project=dev");
    });

    it("redacts query values other than limit and cursor, and reports faults and missing answers", function () {
        const line = formatRequestLine({
            method: "GET",
            path: "/v1/notification-channels",
            query: { limit: "5", cursor: "YWZ0ZXI6Mw", api_key: secretKey },
            status: 0,
            apiKeyPresent: false,
            fault: "drop",
        });
        assert.equal(
            line,
            "GET /v1/notification-channels?limit=5&cursor=YWZ0ZXI6Mw&api_key=<redacted> no-response key=missing fault=drop",
        );
    });

    it("logs alert-rule requests like channel requests", function () {
        const line = formatRequestLine({
            method: "PATCH",
            path: "/v1/alert-rules/ar_1",
            query: {},
            project: "dev",
            status: 200,
            body: { channel_ids: ["nc_1"] },
            apiKeyPresent: true,
        });
        assert.equal(line, "PATCH /v1/alert-rules/ar_1 200 project=dev");
    });

    it("tells an unknown key from a missing one", function () {
        const line = formatRequestLine({ method: "GET", path: "/v1/x", query: {}, status: 401, apiKeyPresent: true });
        assert.equal(line, "GET /v1/x 401 key=invalid");
    });
});

describe("hookstream-emulator (the bin)", function () {
    this.timeout(30_000);

    it("prints the base URL first, serves it, logs without the key, and exits 0 on SIGTERM", async function () {
        const cli = startCli(["--port", "0", "--api-key", `${secretKey}=p`]);
        const stderr = collect(cli.stderr);
        try {
            const url = await firstLine(cli.stdout);
            assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
            const response = await fetch(`${url}/notification-channels`, {
                method: "POST",
                headers: { "X-API-Key": secretKey, "Content-Type": "application/json" },
                body: JSON.stringify({
                    name: "n",
                    channel_type: "webhook",
                    config: { url: "https://x.example/hook", secret: "whsec-cli-secret" },
                }),
            });
            assert.equal(response.status, 201);
            const exited = once(cli, "close");
            cli.kill("SIGTERM");
            assert.deepEqual(await exited, [0, null]);
            assert.match(stderr(), /^POST \/v1\/notification-channels 201 project=p$/m);
            assert.equal(stderr().includes(secretKey), false, "the API key is never logged");
            assert.equal(stderr().includes("whsec-cli-secret"), false, "bodies are never logged");
        } finally {
            cli.kill("SIGKILL");
        }
    });

    it("reads keys from HOOKSTREAM_EMULATOR_API_KEYS and exits 0 on SIGINT", async function () {
        const cli = startCli(["--port", "0"], { HOOKSTREAM_EMULATOR_API_KEYS: `${secretKey}=from-env` });
        try {
            const url = await firstLine(cli.stdout);
            const listed = await fetch(`${url}/notification-channels`, { headers: { "X-API-Key": secretKey } });
            assert.equal(listed.status, 200);
            const exited = once(cli, "close");
            cli.kill("SIGINT");
            assert.deepEqual(await exited, [0, null]);
        } finally {
            cli.kill("SIGKILL");
        }
    });

    it("exits 2 with usage and prints nothing on stdout without an API key", async function () {
        const cli = startCli(["--port", "0"]);
        const stdout = collect(cli.stdout);
        const stderr = collect(cli.stderr);
        const [code] = await once(cli, "close");
        assert.equal(code, 2);
        assert.equal(stdout(), "");
        assert.match(stderr(), /an API key is required/);
        assert.match(stderr(), /^Usage: hookstream-emulator --api-key KEY\[=PROJECT\]/m);
    });
});
