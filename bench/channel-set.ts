/**
 * The channels every measurement declares: webhooks and email channels, alternating. Neither has a secret field,
 * so the floor program (which marks nothing secret) stores exactly what the channels program stores.
 */
export function channelSet(count: number, prefix = "bench"): Record<string, ChannelArgs> {
    const channels: Record<string, ChannelArgs> = {};
    for (let i = 0; i < count; i++) {
        const name = `${prefix}-${String(i).padStart(4, "0")}`;
        channels[name] =
            i % 2 === 0
                ? {
                      channelType: "webhook",
                      name,
                      enabled: true,
                      config: { url: `https://ops.example.com/alerts/${i}` },
                  }
                : { channelType: "email", name, enabled: true, config: { recipients: [`oncall-${i}@example.com`] } };
    }
    return channels;
}

export interface ChannelArgs {
    channelType: "webhook" | "email";
    name: string;
    enabled: boolean;
    config: Record<string, unknown>;
}
