import { createShim } from "../core/shim";

/** The NotificationChannel's `__provider`. Its export path, `pulumi-hookstream/shim`, is what every stack holds. */
export = createShim("NotificationChannel");
