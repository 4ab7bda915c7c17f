import { createHash, randomBytes } from "node:crypto";

/** One organization per emulator; each project (API key) is its own environment in it (CONCEPTS). */
export class Organization {
    readonly id = `org_${randomBytes(8).toString("hex")}`;

    constructor(private readonly now: () => number) {}

    /** Stable for a project name, across emulators too, so CI logs and snapshots line up. */
    envId(project: string): string {
        return `env_${createHash("sha256").update(project).digest("hex").slice(0, 16)}`;
    }

    /** ISO 8601 in whole seconds, as D1's `datetime('now')` and the docs' examples both have them. */
    timestamp(): string {
        return new Date(Math.floor(this.now() / 1000) * 1000).toISOString().replace(".000Z", "Z");
    }
}
