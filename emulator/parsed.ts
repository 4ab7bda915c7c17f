/** A validated value, or the one message a 400 answers with (`parse.ts`). */
export type Parsed<T> = { success: true; data: T } | { success: false; message: string };
