import { ownVersion } from "../../../scripts/packed-project";

/**
 * The @pulumi/pulumi versions the package is proven with: the oldest that `dependencies` allows, and the newest (the
 * one in package-lock.json). The oldest is set by what the provider needs of the SDK; see the README's
 * "Requirements" and the lifecycle test.
 */
export const oldestPulumi = "3.139.0";
export const newestPulumi = ownVersion("@pulumi/pulumi");
