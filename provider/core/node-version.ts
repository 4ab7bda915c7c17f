/**
 * Fails at load, with a message a person can act on, when Node.js is older than the package's `engines.node`: below
 * it a dependency (undici) breaks later with an obscure TypeError in the middle of a deployment.
 */
export function assertSupportedNode(running = process.versions.node, required = requiredNodeVersion()): void {
    if (required === undefined || compareVersions(running, required) >= 0) return;
    throw new Error(
        `pulumi-hookstream requires Node.js >= ${required}; this is Node.js v${running}. ` +
            "Upgrade Node.js (Node.js 24 LTS is recommended) and run the command again.",
    );
}

function requiredNodeVersion(): string | undefined {
    try {
        const { engines } = require("pulumi-hookstream/package.json") as { engines?: { node?: string } };
        return /^>=\s*(\d+\.\d+\.\d+)$/.exec(engines?.node ?? "")?.[1];
    } catch {
        return undefined;
    }
}

function compareVersions(a: string, b: string): number {
    const left = a.split(".").map(Number);
    const right = b.split(".").map(Number);
    for (let i = 0; i < 3; i++) {
        const difference = (left[i] ?? 0) - (right[i] ?? 0);
        if (difference !== 0) return difference;
    }
    return 0;
}
