import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, temporaryDir } from "./pulumi-toolchain";

/**
 * The package as a user gets it: the `npm pack` tarball, installed with `npm install` into a project outside this
 * tree. Used by the consumer tests, the package test and the benchmark.
 */

/** How the user's project is laid out: as `pulumi new typescript` writes it, or as an ES module project. */
export type ProjectLayout = "template" | "esm";

/**
 * The tsconfig.json `pulumi new typescript` writes. It has neither `esModuleInterop` nor `skipLibCheck`, so our
 * declarations, and everything they import, must compile under exactly this.
 */
export const templateTsconfig = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2020",
        module: "commonjs",
        moduleResolution: "node",
        sourceMap: true,
        experimentalDecorators: true,
        pretty: true,
        noFallthroughCasesInSwitch: true,
        noImplicitReturns: true,
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

/** An ES module project: `"type": "module"` in package.json and Node's own module resolution. */
export const esmTsconfig = {
    compilerOptions: {
        strict: true,
        outDir: "bin",
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        forceConsistentCasingInFileNames: true,
    },
    files: ["index.ts"],
};

export interface ConsumerProjectOptions {
    layout: ProjectLayout;
    /** The `@pulumi/pulumi` version the user has. @default the one in this package's lockfile */
    pulumiVersion?: string;
    /** The text of index.ts. */
    program: string;
    /** More files to write, by path relative to the project. */
    files?: Record<string, string>;
    /** The project name, in package.json and Pulumi.yaml. @default "hookstream-consumer" */
    name?: string;
}

const tarballs = new Map<string, string>();

/**
 * `npm pack` of this package (or of another checkout of it, built), made once per process and source (`prepack`
 * builds it first). Returns the tarball's path.
 */
export function packTarball(source: string = repoRoot): string {
    const made = tarballs.get(source);
    if (made !== undefined) return made;
    const packDir = temporaryDir("hookstream-pack");
    const name = npm(["pack", "--pack-destination", packDir, "--silent"], source).trim().split("\n").pop()!;
    const tarball = path.join(packDir, name);
    tarballs.set(source, tarball);
    process.once("exit", () => fs.rmSync(packDir, { recursive: true, force: true }));
    return tarball;
}

/**
 * A new project in the given layout, outside this tree, with the packed package, `@pulumi/pulumi`, TypeScript 5.9
 * and `@types/node` installed, and a Pulumi.yaml whose program is index.ts. Returns its directory.
 */
export function createConsumerProject(options: ConsumerProjectOptions): string {
    const name = options.name ?? "hookstream-consumer";
    const project = temporaryDir(`hookstream-consumer-${options.layout}`);
    const manifest = {
        name,
        main: "index.ts",
        ...(options.layout === "esm" ? { type: "module" } : {}),
        devDependencies: { "@types/node": ownVersion("@types/node"), typescript: "~5.9" },
        dependencies: { "@pulumi/pulumi": options.pulumiVersion ?? ownVersion("@pulumi/pulumi") },
    };
    const tsconfig = options.layout === "esm" ? esmTsconfig : templateTsconfig;
    const files: Record<string, string> = {
        "package.json": JSON.stringify(manifest, null, 4),
        "tsconfig.json": JSON.stringify(tsconfig, null, 4),
        "Pulumi.yaml": `name: ${name}\nruntime:\n    name: nodejs\n    options:\n        packagemanager: npm\n`,
        "index.ts": options.program,
        ...options.files,
    };
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
        fs.writeFileSync(path.join(project, file), text);
    }
    installPackedPackage(project);
    return project;
}

/**
 * A copy of a standalone project (an example) outside this tree, its `pulumi-hookstream` dependency pointed at the
 * packed tarball, installed. Returns the copy's directory.
 */
export function copyConsumerProject(sourceDir: string): string {
    const project = temporaryDir(`hookstream-consumer-${path.basename(sourceDir)}`);
    fs.cpSync(sourceDir, project, {
        recursive: true,
        filter: (source) => !/(^|[/\\])(node_modules|bin)$/.test(path.relative(sourceDir, source)),
    });
    installPackedPackage(project);
    return project;
}

/** Points the project's `pulumi-hookstream` dependency at the tarball, then `npm install`s from the local cache first. */
function installPackedPackage(project: string): void {
    const manifestPath = path.join(project, "package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { dependencies?: Record<string, string> };
    manifest.dependencies = { ...manifest.dependencies, "pulumi-hookstream": `file:${packTarball()}` };
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 4));
    npm(["install", "--no-audit", "--no-fund", "--prefer-offline"], project);
}

/**
 * The package (packed from `source`, this tree by default) in a fresh Pulumi project with the same @pulumi/pulumi,
 * TypeScript and ts-node versions as this tree, running a copy of a program's index.ts and Pulumi.yaml (no tsconfig:
 * Pulumi's defaults). Returns the project directory.
 */
export function createPackedProject(programDir: string, source: string = repoRoot): string {
    const project = temporaryDir("hookstream-bench-fresh");
    fs.writeFileSync(
        path.join(project, "package.json"),
        JSON.stringify({ name: "hookstream-bench-fresh", private: true, main: "index.ts" }, null, 2),
    );
    npm(
        [
            "install",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            packTarball(source),
            ...["@pulumi/pulumi", "typescript", "ts-node", "@types/node"].map((name) => `${name}@${ownVersion(name)}`),
        ],
        project,
    );
    for (const file of ["index.ts", "Pulumi.yaml"]) {
        fs.copyFileSync(path.join(programDir, file), path.join(project, file));
    }
    return project;
}

/** The version installed in this tree, i.e. the one in package-lock.json. */
export function ownVersion(name: string): string {
    const manifest = path.join(repoRoot, "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}

function npm(args: string[], cwd: string): string {
    return execFileSync("npm", args, {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 10 * 60_000,
    });
}
