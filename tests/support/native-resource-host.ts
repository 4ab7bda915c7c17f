import type * as grpc from "@grpc/grpc-js";
import { unwrapSecrets, wrapSecrets } from "../../native/secret-values";
import type { PropertyPath } from "../../native/secret-paths";
import { autonamedArgument } from "../../native/native-arguments";
import type { NativeHost } from "./native-host";
import type { Bag, InitFailure } from "./provider-host";
import type { HostError, ResourceHost } from "./resource-host";

/** The resource name in the URN of a check whose inputs declare no name. */
export const unnamedResource = "unnamed";

/**
 * One kind's calls through the native plugin, in the terms of `ResourceHost`. The engine keeps secret every value
 * the plugin returned wrapped and sends it back wrapped; so does this harness, by remembering where each bag it
 * handed out held secrets: a bag the suite passes back (the checked inputs, the outputs it keeps as state) goes out
 * wrapped there, and a bag the suite built itself goes out as a program that marked nothing secret would send it.
 */
export class NativeResourceHost implements ResourceHost {
    readonly name = "native";
    private readonly secretPaths = new WeakMap<object, PropertyPath[]>();

    constructor(
        private readonly host: NativeHost,
        private readonly type: string,
    ) {}

    stderr(): string {
        return this.host.stderr();
    }

    stop(): Promise<void> {
        return this.host.stop();
    }

    async check(news: Bag, olds: Bag = {}) {
        // The resource's name in its URN: the declared name where there is one, as a program names its resources.
        const name = typeof news[autonamedArgument] === "string" ? String(news[autonamedArgument]) : unnamedResource;
        const answer = await this.call(() =>
            this.host.check(this.type, name, this.outgoing(news), this.outgoing(olds)),
        );
        return { inputs: this.incoming(answer.inputs), failures: answer.failures };
    }

    async diff(id: string, olds: Bag, news: Bag) {
        const answer = await this.call(() => this.host.diff(this.type, id, this.outgoing(olds), this.outgoing(news)));
        return { changes: answer.changes, replaces: answer.replaces };
    }

    async create(inputs: Bag) {
        const answer = await this.call(() => this.host.create(this.type, this.outgoing(inputs)));
        return { id: answer.id, outputs: this.incoming(answer.outputs) };
    }

    async read(id: string, properties: Bag, inputs?: Bag) {
        const answer = await this.call(() =>
            this.host.read(this.type, id, this.outgoing(properties), this.outgoing(inputs ?? {})),
        );
        return {
            id: answer.id,
            outputs: this.incoming(answer.outputs),
            inputs: answer.inputs && this.incoming(answer.inputs),
        };
    }

    async update(id: string, olds: Bag, news: Bag) {
        return this.incoming(
            await this.call(() => this.host.update(this.type, id, this.outgoing(olds), this.outgoing(news))),
        );
    }

    async delete(id: string, properties: Bag) {
        await this.call(() => this.host.delete(this.type, id, this.outgoing(properties)));
    }

    /** A bag as the engine sends it: wrapped where the plugin's answer that it came from was. */
    private outgoing(bag: Bag): Bag {
        const paths = this.secretPaths.get(bag);
        return paths === undefined ? bag : wrapSecrets(bag, paths);
    }

    /** An answer read with its secrets unwrapped, their places remembered for when it is sent back. */
    private incoming(bag: Bag): Bag {
        const { values, secretPaths } = unwrapSecrets(bag);
        this.secretPaths.set(values, secretPaths);
        return values;
    }

    /**
     * A call whose failure reads as the engine reads it: the gRPC status message alone (grpc-js prefixes `message`
     * with the code), and the status details' ErrorResourceInitFailed with its properties unwrapped.
     */
    private async call<T>(run: () => Promise<T>): Promise<T> {
        try {
            return await run();
        } catch (caught) {
            const failed = caught as grpc.ServiceError & { initFailure?: InitFailure };
            if (typeof failed.details !== "string") throw caught;
            const error: HostError = new Error(failed.details);
            if (failed.initFailure) {
                error.initFailure = { ...failed.initFailure, properties: this.incoming(failed.initFailure.properties) };
            }
            throw error;
        }
    }
}
