/** The type token the engine records for the step that finishes a create (resource.ts). */
export const createFinishTypeToken = "pulumi-nodejs:dynamic/hookstream:CreateFinish";
