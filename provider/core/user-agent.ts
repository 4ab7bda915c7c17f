/** `pulumi-hookstream/<version> node/<version>`, read from the installed package so it never goes stale. */
export const userAgent = `pulumi-hookstream/${packageVersion()} node/${process.versions.node}`;

function packageVersion(): string {
    try {
        return (require("pulumi-hookstream/package.json") as { version: string }).version;
    } catch {
        return "unknown";
    }
}
