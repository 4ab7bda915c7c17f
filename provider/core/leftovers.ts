import { markerIn } from "./create-token";
import type { Transport } from "./transport";

/**
 * The objects of one kind that still bear a create's marker, by nonce: what interrupted creates left behind, which
 * the next attempt at the same create takes up instead of POSTing again (marked-create.ts). The kind is listed once
 * per connection and process, when its first create asks, and every create of the process then looks there: one
 * list walk for an `up`, however many creates it makes. An object is handed out once; objects this process creates
 * later are its own and never among them.
 */
export class Leftovers<T extends { name: string }> {
    private readonly byConnection = new WeakMap<Transport, Promise<Map<string, T[]>>>();

    constructor(private readonly listAll: (api: Transport) => Promise<T[]>) {}

    /** The leftovers bearing this nonce, handed over: a second call for it finds none. */
    async take(api: Transport, nonce: string): Promise<T[]> {
        const index = await this.indexOf(api);
        const found = index.get(nonce) ?? [];
        index.delete(nonce);
        return found;
    }

    private indexOf(api: Transport): Promise<Map<string, T[]>> {
        let index = this.byConnection.get(api);
        if (index === undefined) {
            index = this.listAll(api).then((all) => {
                const byNonce = new Map<string, T[]>();
                for (const object of all) {
                    const nonce = markerIn(object.name);
                    if (nonce !== undefined) byNonce.set(nonce, [...(byNonce.get(nonce) ?? []), object]);
                }
                return byNonce;
            });
            // A failed list is asked again by the next create rather than remembered.
            index.catch(() => this.byConnection.delete(api));
            this.byConnection.set(api, index);
        }
        return index;
    }
}
