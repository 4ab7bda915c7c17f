import { createShim } from "../core/shim";

/** The `__provider` of the step that finishes a create (resource.ts). */
export = createShim("CreateFinish");
