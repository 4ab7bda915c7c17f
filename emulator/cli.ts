#!/usr/bin/env node
import { parseArgs } from "node:util";
import { startEmulator, type EmulatorOptions, type RecordedRequest } from "./index";
import { emulatorKinds } from "./kinds";
import { isResponseShape, responseShapes } from "./shapes";

/** What the emulator serves, in the usage's words: `notification-channel and alert-rule`. */
const servedApis = emulatorKinds
    .map((kind) => kind.noun.replaceAll(" ", "-"))
    .join(", ")
    .replace(/, ([^,]*)$/, " and $1");

const about = wrap(
    (
        "Serves hookstream's " +
        servedApis +
        " APIs on http://127.0.0.1:PORT/v1 and prints that URL as the first line of output. Each request is logged " +
        "to stderr, without API keys or bodies. Stop it with Ctrl-C or SIGTERM."
    ).split(" "),
);

const controlPaths = [
    ...emulatorKinds.flatMap((kind) => kind.controlPaths),
    "GET /_emulator/dangling-references",
    "GET /_emulator/requests",
    "POST|DELETE /_emulator/faults",
    "POST /_emulator/reset",
];
const controlApi = wrap(["Control API (no key):", ...controlPaths.map((path) => path + ",")]).replace(/,$/, ".");

export const usage = `Usage: hookstream-emulator --api-key KEY[=PROJECT] [--api-key …] [--port 8787]
                           [--shape reference|docs] [--rate-limit N/SECONDS] [--retry-after] [--latency MS]

${about}

  --api-key KEY[=PROJECT]  a key the API accepts, for PROJECT (default: "default"); repeatable.
                           Without it, HOOKSTREAM_EMULATOR_API_KEYS="KEY=PROJECT,…" is read.
  --port N                 default 8787; 0 picks a free port.
  --shape reference|docs   the response shape: the generated API reference (default) or the hand-written docs.
  --rate-limit N/SECONDS   N calls per window of SECONDS per organization (default 1000/60).
  --retry-after            also send Retry-After with a 429.
  --latency MS             wait MS milliseconds before serving each API request (a distant server).

${controlApi}
`;

export type CommandLine =
    { kind: "run"; options: EmulatorOptions } | { kind: "help" } | { kind: "error"; message: string };

/** The command line and environment as emulator options, or what is wrong with them. Never echoes an API key. */
export function parseCommandLine(args: string[], env: NodeJS.ProcessEnv): CommandLine {
    let values;
    try {
        ({ values } = parseArgs({
            args,
            options: {
                port: { type: "string" },
                "api-key": { type: "string", multiple: true },
                shape: { type: "string" },
                "rate-limit": { type: "string" },
                "retry-after": { type: "boolean" },
                latency: { type: "string" },
                help: { type: "boolean", short: "h" },
            },
        }));
    } catch (error) {
        return { kind: "error", message: (error as Error).message };
    }
    if (values.help) return { kind: "help" };
    const error = (message: string): CommandLine => ({ kind: "error", message });

    const port = values.port === undefined ? 8787 : /^\d+$/.test(values.port) ? Number(values.port) : NaN;
    if (!(port <= 65535)) return error("--port must be a number from 0 to 65535");

    // An empty variable counts as unset.
    const fromEnv = env.HOOKSTREAM_EMULATOR_API_KEYS ? env.HOOKSTREAM_EMULATOR_API_KEYS.split(",") : [];
    const specs = (values["api-key"] ?? fromEnv).map((spec) => spec.trim()).filter((spec) => spec !== "");
    if (specs.length === 0) return error("an API key is required: --api-key KEY[=PROJECT]");
    const apiKeys: Record<string, string> = {};
    for (const spec of specs) {
        const equals = spec.indexOf("=");
        const key = equals === -1 ? spec : spec.slice(0, equals);
        const project = equals === -1 ? "default" : spec.slice(equals + 1);
        if (key === "" || project === "") return error("each API key is KEY or KEY=PROJECT, neither part empty");
        if (key in apiKeys) return error("an API key is given twice");
        apiKeys[key] = project;
    }

    const options: EmulatorOptions = { port, apiKeys, retryAfter: values["retry-after"] ?? false };
    if (values.shape !== undefined) {
        if (!isResponseShape(values.shape)) return error(`--shape must be one of ${responseShapes.join(", ")}`);
        options.shape = values.shape;
    }
    if (values["rate-limit"] !== undefined) {
        const match = /^(\d+)\/(\d+)$/.exec(values["rate-limit"]);
        const limit = Number(match?.[1]);
        const seconds = Number(match?.[2]);
        if (!(limit > 0 && seconds > 0)) return error("--rate-limit must be N/SECONDS, such as 100/60");
        options.rateLimit = { limit, windowMs: seconds * 1000 };
    }
    if (values.latency !== undefined) {
        if (!/^\d+$/.test(values.latency)) return error("--latency must be a whole number of milliseconds");
        options.latencyMs = Number(values.latency);
    }
    return { kind: "run", options };
}

/** Query parameters whose values are safe to print; anything else might be a misplaced credential. */
const loggedQueryValues = new Set(["limit", "cursor"]);

/** `POST /v1/notification-channels 201 project=dev`: no key, no body. */
export function formatRequestLine(request: RecordedRequest): string {
    const query = Object.entries(request.query)
        .map(([name, value]) => (loggedQueryValues.has(name) ? `${name}=${value}` : `${name}=<redacted>`))
        .join("&");
    const caller =
        request.project !== undefined
            ? `project=${request.project}`
            : request.apiKeyPresent
              ? "key=invalid"
              : "key=missing";
    return [
        request.method,
        query === "" ? request.path : `${request.path}?${query}`,
        request.status === 0 ? "no-response" : String(request.status),
        caller,
        ...(request.fault === undefined ? [] : [`fault=${request.fault}`]),
    ].join(" ");
}

async function main(): Promise<void> {
    const command = parseCommandLine(process.argv.slice(2), process.env);
    if (command.kind === "help") {
        process.stdout.write(usage);
        return;
    }
    if (command.kind === "error") {
        process.stderr.write(`hookstream-emulator: ${command.message}\n\n${usage}`);
        process.exitCode = 2;
        return;
    }
    const { options } = command;
    const emulator = await startEmulator({
        ...options,
        onRequest: (request) => process.stderr.write(`${formatRequestLine(request)}\n`),
    }).catch((error: Error) => {
        process.stderr.write(`hookstream-emulator: cannot listen on 127.0.0.1:${options.port}: ${error.message}\n`);
        process.exitCode = 1;
    });
    if (emulator === undefined) return;
    process.stdout.write(`${emulator.url}\n`);
    const projects = [...new Set(Object.values(options.apiKeys))].join(", ");
    process.stderr.write(`hookstream-emulator: projects ${projects}; ${emulator.shape} shape; Ctrl-C to stop\n`);
    const stop = () => void emulator.close().then(() => process.exit(0));
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
}

/** `words` joined by spaces, in lines of at most 119 characters. */
function wrap(words: string[]): string {
    const lines: string[] = [];
    let line = "";
    for (const word of words) {
        if (line !== "" && line.length + 1 + word.length > 119) {
            lines.push(line);
            line = word;
        } else {
            line = line === "" ? word : `${line} ${word}`;
        }
    }
    return [...lines, line].join("\n");
}

if (require.main === module) void main();
