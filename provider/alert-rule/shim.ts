import { createShim } from "../core/shim";

/** The AlertRule's `__provider`. Its export path, `pulumi-hookstream/shims/alert-rule`, is what every stack holds. */
export = createShim("AlertRule");
