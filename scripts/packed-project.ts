import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot, temporaryDir } from "./pulumi-toolchain";

/**
 * The package as a user gets it: `npm pack`, installed into a fresh Pulumi project outside this tree with the
 * same @pulumi/pulumi, TypeScript and ts-node versions, running a copy of a program's index.ts and Pulumi.yaml.
 * Used by the package test and the benchmark. Returns the project directory.
 */
export function createPackedProject(programDir: string): string {
    const packDir = temporaryDir("hookstream-bench-pack");
    const tarball = npm(["pack", "--pack-destination", packDir, "--silent"], repoRoot).trim().split("\n").pop()!;
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
            path.join(packDir, tarball),
            ...["@pulumi/pulumi", "typescript", "ts-node", "@types/node"].map((name) => `${name}@${ownVersion(name)}`),
        ],
        project,
    );
    for (const file of ["index.ts", "Pulumi.yaml"]) {
        fs.copyFileSync(path.join(programDir, file), path.join(project, file));
    }
    fs.rmSync(packDir, { recursive: true, force: true });
    return project;
}

function npm(args: string[], cwd: string): string {
    return execFileSync("npm", args, {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 10 * 60_000,
    });
}

function ownVersion(name: string): string {
    const manifest = path.join(repoRoot, "node_modules", name, "package.json");
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}
