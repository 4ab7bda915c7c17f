import { ownVersion } from "../../../scripts/packed-project";

/**
 * The @pulumi/pulumi versions the consumer suite proves, the ends of the range in package.json `dependencies`.
 * The oldest is the first whose dynamic providers receive stack config through `configure` (3.139.0): with 3.138.0,
 * `hookstream:apiKey` never reaches the provider and every create fails for want of a key.
 */
export const oldestPulumi = "3.139.0";
/** The one in package-lock.json. */
export const newestPulumi = ownVersion("@pulumi/pulumi");
