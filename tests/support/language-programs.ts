import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { packPlugin } from "../../native/pack-plugin";
import { repoRoot } from "./provider-host";
import { pulumiBinDir, pulumiVersionLabel, pythonVirtualenv, temporaryDir } from "./pulumi";

const run = promisify(execFile);
const sources = path.join(repoRoot, "tests", "e2e", "programs", "languages");

/** How the engine finds the plugin: a `plugins:` entry naming bin/, or a copy installed from the plugin tarball. */
export type PluginRoute = "plugins entry" | "plugin install";

/** What the programs of one test run share, each built once, when first needed. */
export interface SharedBuild {
    /** A scratch directory for this run's builds. */
    workDir: string;
    /** The compiled Node.js SDK: a package directory (package.json and the compiled files). */
    nodejsSdk: () => Promise<string>;
    /** The plugin tarball `pulumi plugin install … --file` takes (`npm run pack:plugin`). */
    pluginTarball: () => string;
}

/** A SharedBuild in a new scratch directory; remove the directory when done. */
export function createSharedBuild(): SharedBuild {
    const workDir = temporaryDir("hookstream-languages");
    let nodejsSdk: Promise<string> | undefined;
    let tarball: string | undefined;
    return {
        workDir,
        nodejsSdk: () => (nodejsSdk ??= buildNodejsSdk(workDir)),
        pluginTarball: () => (tarball ??= packPlugin(workDir)),
    };
}

/**
 * A program declaring a channel of each type and a rule routing to them, in one language, through that language's
 * generated SDK (YAML names type tokens). Config it reads: `hook` (secret), `chatType`, `chatUrl`, `discordUrl`.
 */
export interface LanguageProgram {
    language: string;
    route: PluginRoute;
    /** The test program's source: its main file (for YAML, Pulumi.yaml without a `plugins:` entry). */
    source: () => string;
    /**
     * Writes a program of this language into dir (an empty directory) around its main file's source; plugins is the
     * Pulumi.yaml lines for the route.
     */
    write: (dir: string, source: string, plugins: string, shared: SharedBuild) => Promise<void>;
    /** Environment the CLI and the program need beyond the stack's. */
    env?: (shared: SharedBuild) => Promise<Record<string, string>>;
    /** What the directory needs before the first run, given the CLI's environment. */
    prepare?: (dir: string, env: NodeJS.ProcessEnv) => Promise<void>;
    /**
     * Takes in the code `pulumi import --out` wrote for an imported channel, so that the program declares it. Absent
     * where the language host cannot generate code (GenerateProgram): that program declares the imported email
     * channel `pager` and the rule `escalation` routing to it itself when stack config `pager` is true.
     */
    adoptGeneratedCode?: (dir: string, code: string) => void;
}

/** `plugins:` lines for Pulumi.yaml pointing at the repository's launcher (bin/pulumi-resource-hookstream). */
export const pluginsEntry = [
    "plugins:",
    "  providers:",
    "    - name: hookstream",
    `      path: ${path.join(repoRoot, "bin")}`,
    "",
].join("\n");

const typescriptProgram = `// Every channel type and a rule routing to them, through the generated Node.js SDK (sdk/nodejs).
import * as pulumi from "@pulumi/pulumi";
import * as hookstream from "@pulumi-hookstream/hookstream";

const config = new pulumi.Config();

const ops = new hookstream.NotificationChannel("ops", {
    channelType: "webhook",
    config: { url: "https://ops.example.com/alerts", secret: config.requireSecret("hook") },
});
// chatType and chatUrl change together: a type change replaces the channel.
const chat = new hookstream.NotificationChannel("chat", {
    channelType: config.require("chatType") as hookstream.types.enums.ChannelType,
    config: { url: config.requireSecret("chatUrl") },
});
const community = new hookstream.NotificationChannel("community", {
    channelType: "discord",
    config: { url: config.requireSecret("discordUrl") },
});
const mail = new hookstream.NotificationChannel("mail", {
    channelType: "email",
    config: { recipients: ["oncall@example.com"] },
});
new hookstream.AlertRule("failures", {
    ruleType: "failure_rate",
    ruleConfig: { threshold: 0.1 },
    channelIds: [ops.id, chat.id, community.id, mail.id],
});
// The channel and the rule \`pulumi import\` brought in, declared once the test has imported them.
if (config.getBoolean("pager")) {
    const pager = new hookstream.NotificationChannel("pager", {
        channelType: "email",
        config: { recipients: ["pager@example.com"] },
    });
    new hookstream.AlertRule("escalation", {
        ruleType: "dlq",
        ruleConfig: { threshold: 5 },
        channelIds: [pager.id],
    });
}
`;

function readSource(language: string, file: string): string {
    return fs.readFileSync(path.join(sources, language, file), "utf8");
}

export const languagePrograms: LanguageProgram[] = [
    {
        language: "yaml",
        route: "plugins entry",
        source: () => readSource("yaml", "Pulumi.yaml"),
        write: async (dir, source, plugins) => {
            // `plugins:` goes first: the program ends with its `resources:` map, which imported code extends.
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), plugins + source);
        },
        // The generated YAML is a `resources:` map indented by 2: its entries join the program's, which ends with
        // that map, at the program's own indentation.
        adoptGeneratedCode: (dir, code) => {
            assert.match(code, /^resources:\n( {2}.*\n)+$/);
            const file = path.join(dir, "Pulumi.yaml");
            const indent = /^resources:\n( +)\S/m.exec(fs.readFileSync(file, "utf8"))![1]!.length;
            const entries = code
                .replace(/^resources:\n/, "")
                .replace(/^ +/gm, (spaces) => " ".repeat((spaces.length / 2) * indent));
            fs.appendFileSync(file, entries);
        },
    },
    {
        language: "python",
        route: "plugin install",
        source: () => readSource("python", "__main__.py"),
        write: async (dir, source, plugins) => {
            const runtime = ["runtime:", "  name: python", "  options:", `    virtualenv: ${await pythonVirtualenv()}`];
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                ["name: hookstream-python", ...runtime, plugins].join("\n"),
            );
            fs.writeFileSync(path.join(dir, "__main__.py"), source);
        },
        // `pip install sdk/python` into a directory of its own, found through PYTHONPATH: the shared virtualenv stays
        // as scripts/python-venv.sh made it.
        env: async (shared) => {
            const site = path.join(shared.workDir, "python-site");
            if (!fs.existsSync(site)) {
                const source = path.join(shared.workDir, "python-sdk-source");
                fs.cpSync(path.join(repoRoot, "sdk", "python"), source, { recursive: true });
                const python = path.join(await pythonVirtualenv(), "bin", "python");
                await run(python, ["-m", "pip", "install", "--quiet", "--no-deps", "--target", site, source]);
            }
            return { PYTHONPATH: site };
        },
    },
    {
        language: "go",
        route: "plugins entry",
        source: () => readSource("go", "main.go"),
        write: async (dir, source, plugins) => {
            fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: hookstream-go\nruntime: go\n${plugins}`);
            const sdkModule = "github.com/pulumi-hookstream/pulumi-hookstream/sdk/go";
            fs.writeFileSync(
                path.join(dir, "go.mod"),
                [
                    "module hookstream-go",
                    "",
                    "go 1.26",
                    "",
                    `require github.com/pulumi/pulumi/sdk/v3 v${pulumiVersionLabel()}`,
                    `require ${sdkModule} v0.0.0`,
                    "",
                    `replace ${sdkModule} => ${path.join(repoRoot, "sdk", "go")}`,
                    "",
                ].join("\n"),
            );
            fs.writeFileSync(path.join(dir, "main.go"), source);
        },
        // `pulumi install`: the Go host's InstallDependencies writes go.sum (`go mod tidy`)
        prepare: async (dir, env) => {
            await run(path.join(await pulumiBinDir(), "pulumi"), ["install"], { cwd: dir, env });
        },
    },
    {
        language: "typescript",
        route: "plugin install",
        source: () => typescriptProgram,
        write: async (dir, source, plugins, shared) => {
            const runtime = ["runtime:", "  name: nodejs", "  options:", "    typescript: true"];
            fs.writeFileSync(
                path.join(dir, "Pulumi.yaml"),
                ["name: hookstream-typescript", "main: index.ts", ...runtime, plugins].join("\n"),
            );
            fs.writeFileSync(path.join(dir, "index.ts"), source);
            const modules = path.join(dir, "node_modules");
            fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
            fs.mkdirSync(path.join(modules, "@pulumi-hookstream"));
            fs.symlinkSync(
                path.join(repoRoot, "node_modules", "@pulumi", "pulumi"),
                path.join(modules, "@pulumi", "pulumi"),
            );
            fs.symlinkSync(await shared.nodejsSdk(), path.join(modules, "@pulumi-hookstream", "hookstream"));
        },
    },
];

/**
 * Compiles sdk/nodejs as its package.json says (`tsc`, into bin/) with the project's TypeScript and the
 * `@pulumi/pulumi` it depends on, and returns the package directory a program installs: bin/ with package.json.
 */
async function buildNodejsSdk(workDir: string): Promise<string> {
    const dir = path.join(workDir, "nodejs-sdk");
    fs.cpSync(path.join(repoRoot, "sdk", "nodejs"), dir, { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"));
    await run(path.join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", dir]);
    fs.copyFileSync(path.join(dir, "package.json"), path.join(dir, "bin", "package.json"));
    return path.join(dir, "bin");
}
