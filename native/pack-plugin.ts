import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packageRoot } from "./schema-file";

/**
 * Packs the plugin tarball `pulumi plugin install resource hookstream <version> --file <tarball>` takes: the launcher
 * at the top (the engine runs `pulumi-resource-hookstream`), package.json (the version, and the name the code
 * resolves its own files by), schema.json, the compiled provider and native host, and the packages they load at run
 * time, copied (a symlinked node_modules fails to install: `copy_file_range: is a directory`). Run after the build.
 */

const root = packageRoot();
/** What the plugin loads directly at run time; each one's own dependencies follow from its package.json. */
const runtimePackages = ["undici", "zod", "@grpc/grpc-js", "google-protobuf"];
/** Of @pulumi/pulumi the plugin needs only the generated gRPC stubs, not the SDK and its dependencies. */
const pulumiParts = ["package.json", "proto"];

interface PackageJson {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}

export function packPlugin(outDir: string = path.join(root, "dist")): string {
    const main = path.join(root, "dist", "native", "main.js");
    if (!fs.existsSync(main)) throw new Error("dist/native/main.js is missing: run `npm run build` first");
    const { version } = readJson(path.join(root, "package.json"));
    const stage = fs.mkdtempSync(path.join(outDir, ".plugin-"));
    try {
        copy(path.join(root, "bin", "pulumi-resource-hookstream"), path.join(stage, "pulumi-resource-hookstream"));
        for (const file of ["package.json", "schema.json", "LICENSE"])
            copy(path.join(root, file), path.join(stage, file));
        for (const dir of ["provider", "native"]) copy(path.join(root, "dist", dir), path.join(stage, "dist", dir));
        for (const dir of topLevel(packageDirs(runtimePackages, root))) {
            const target = path.join(stage, "node_modules", packageNameAt(dir));
            if (fs.existsSync(target))
                throw new Error(`two versions of ${packageNameAt(dir)} would share node_modules`);
            copy(dir, target);
        }
        const pulumiDir = packageDir("@pulumi/pulumi", root);
        for (const part of pulumiParts) {
            copy(path.join(pulumiDir, part), path.join(stage, "node_modules", "@pulumi", "pulumi", part));
        }
        const tarball = path.join(outDir, `pulumi-resource-hookstream-v${version}.tar.gz`);
        execFileSync("tar", ["-czf", tarball, "-C", stage, "."]);
        return tarball;
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

/** The directories of these packages and of everything they depend on, each once. */
function packageDirs(names: readonly string[], from: string): string[] {
    const found = new Map<string, string>();
    const visit = (name: string, base: string) => {
        const dir = packageDir(name, base);
        if (found.has(dir)) return;
        found.set(dir, name);
        const manifest = readJson(path.join(dir, "package.json"));
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
            visit(dependency, dir);
        }
    };
    for (const name of names) visit(name, from);
    return [...found.keys()];
}

/** The packages not nested in another one's node_modules: a nested one is copied with the package holding it. */
function topLevel(dirs: readonly string[]): string[] {
    return dirs.filter((dir) => !dirs.some((other) => other !== dir && dir.startsWith(other + path.sep)));
}

/** Where Node would find the package from `base`: the nearest node_modules up the tree that holds it. */
function packageDir(name: string, base: string): string {
    for (let dir = base; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name);
        if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
        if (path.dirname(dir) === dir) throw new Error(`package ${name} is not installed (needed from ${base})`);
    }
}

/** `@grpc/grpc-js` for …/node_modules/@grpc/grpc-js, also when it is nested in another package's node_modules. */
function packageNameAt(dir: string): string {
    return readJson(path.join(dir, "package.json")).name;
}

function copy(from: string, to: string): void {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.cpSync(from, to, { recursive: true, dereference: true });
}

function readJson(file: string): PackageJson {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackageJson;
}

if (require.main === module) {
    console.log(packPlugin());
}
