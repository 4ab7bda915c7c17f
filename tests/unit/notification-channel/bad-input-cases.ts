/**
 * The bad-input matrix for NotificationChannel arguments: what `check` must reject, at which property, and with
 * which words. Shared by tests/unit/check.test.ts and any engine-level test that sends the same inputs over gRPC.
 */

export interface BadInputCase {
    /** A noun phrase describing the input ("a numeric name"). */
    title: string;
    inputs: Record<string, unknown>;
    /** The exact `property` of the expected check failure (zod dot path). */
    property: string;
    /** A fragment of the expected reason, matched case-insensitively. */
    reason: string;
}

const webhookUrl = "https://hooks.example.com/alerts/ops";
const webhookSecret = "whsec_0123456789abcdef0123456789";
const slackUrl = "https://hooks.slack.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX";
const discordUrl = "https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz";

function webhook(overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
    return {
        channelType: "webhook",
        name: "ops webhook",
        config: { url: webhookUrl, secret: webhookSecret, ...config },
        ...overrides,
    };
}

function slack(overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
    return { channelType: "slack", name: "ops slack", config: { url: slackUrl, ...config }, ...overrides };
}

function discord(overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
    return { channelType: "discord", name: "ops discord", config: { url: discordUrl, ...config }, ...overrides };
}

function email(overrides: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
    return {
        channelType: "email",
        name: "ops email",
        config: { recipients: ["pager@example.org", "oncall@example.org"], ...config },
        ...overrides,
    };
}

function without(inputs: Record<string, unknown>, key: string): Record<string, unknown> {
    const copy = { ...inputs };
    delete copy[key];
    return copy;
}

const addresses = (count: number) => Array.from({ length: count }, (_, i) => `user${i}@example.com`);

export const badInputCases: readonly BadInputCase[] = [
    // Wrong types where a string is expected.
    { title: "a numeric name", inputs: webhook({ name: 42 }), property: "name", reason: "name must be a string" },
    {
        title: "a boolean name",
        inputs: slack({ name: true }),
        property: "name",
        reason: "must be a string, not boolean",
    },
    { title: "an object name", inputs: discord({ name: { en: "ops" } }), property: "name", reason: "not object" },
    { title: "a list as name", inputs: email({ name: ["ops"] }), property: "name", reason: "not a list" },
    {
        title: "a numeric webhook url",
        inputs: webhook({}, { url: 8080 }),
        property: "config.url",
        reason: "config.url must be a string",
    },
    {
        title: "an object webhook secret",
        inputs: webhook({}, { secret: { value: "s3cr3t-value" } }),
        property: "config.secret",
        reason: "config.secret must be a string",
    },
    {
        title: "a boolean slack url",
        inputs: slack({}, { url: true }),
        property: "config.url",
        reason: "must be a string, not boolean",
    },
    {
        title: "a list as discord url",
        inputs: discord({}, { url: [discordUrl] }),
        property: "config.url",
        reason: "not a list",
    },
    { title: "a string as config", inputs: webhook({ config: webhookUrl }), property: "config", reason: "an object" },
    { title: "a list as email config", inputs: email({ config: [] }), property: "config", reason: "not a list" },
    { title: "a numeric channelType", inputs: webhook({ channelType: 1 }), property: "channelType", reason: "one of" },

    // Empty strings.
    { title: "an empty name", inputs: webhook({ name: "" }), property: "name", reason: "name must not be empty" },
    {
        title: "a name of only spaces",
        inputs: webhook({ name: "   " }),
        property: "name",
        reason: "name must not be blank",
    },
    {
        title: "a name of only a tab and spaces",
        inputs: webhook({ name: " \t " }),
        property: "name",
        reason: "name must not be blank",
    },
    { title: "an empty webhook url", inputs: webhook({}, { url: "" }), property: "config.url", reason: "not be empty" },
    {
        title: "an empty webhook secret",
        inputs: webhook({}, { secret: "" }),
        property: "config.secret",
        reason: "config.secret must not be empty",
    },
    { title: "an empty slack url", inputs: slack({}, { url: "" }), property: "config.url", reason: "not be empty" },
    { title: "an empty discord url", inputs: discord({}, { url: "" }), property: "config.url", reason: "not be empty" },
    { title: "an empty channelType", inputs: email({ channelType: "" }), property: "channelType", reason: "one of" },

    // Oversized strings and lists.
    {
        title: "a 256-character name",
        inputs: discord({ name: "n".repeat(256) }),
        property: "name",
        reason: "at most 255 characters",
    },
    {
        title: "a webhook url over 2048 characters",
        inputs: webhook({}, { url: `https://hooks.example.com/${"a".repeat(2048)}` }),
        property: "config.url",
        reason: "at most 2048 characters",
    },
    {
        title: "a slack url over 2048 characters",
        inputs: slack({}, { url: `${slackUrl}${"x".repeat(2048)}` }),
        property: "config.url",
        reason: "at most 2048 characters",
    },
    {
        title: "a 257-character webhook secret",
        inputs: webhook({}, { secret: "s".repeat(257) }),
        property: "config.secret",
        reason: "at most 256 characters",
    },
    {
        title: "51 email recipients",
        inputs: email({}, { recipients: addresses(51) }),
        property: "config.recipients",
        reason: "at most 50",
    },

    // Control characters.
    { title: "a newline in the name", inputs: webhook({ name: "ops\nalerts" }), property: "name", reason: "control" },
    { title: "a tab in the name", inputs: discord({ name: "ops\talerts" }), property: "name", reason: "control" },
    { title: "a NUL in the name", inputs: email({ name: "ops\u0000alerts" }), property: "name", reason: "control" },
    { title: "a DEL in the name", inputs: slack({ name: "ops\u007falerts" }), property: "name", reason: "control" },
    {
        title: "a newline in the webhook url",
        inputs: webhook({}, { url: "https://hooks.example.com/a\nb" }),
        property: "config.url",
        reason: "control characters",
    },
    {
        title: "a tab in the slack url",
        inputs: slack({}, { url: `${slackUrl}\t` }),
        property: "config.url",
        reason: "control characters",
    },
    {
        title: "a NUL in the discord url",
        inputs: discord({}, { url: `${discordUrl}\u0000` }),
        property: "config.url",
        reason: "control characters",
    },
    {
        title: "a DEL in the webhook url",
        inputs: webhook({}, { url: "https://hooks.example.com/\u007falerts" }),
        property: "config.url",
        reason: "control characters",
    },
    {
        title: "a newline in the webhook secret",
        inputs: webhook({}, { secret: "whsec_line\nbreak_secret" }),
        property: "config.secret",
        reason: "control characters",
    },
    {
        title: "a NUL in the webhook secret",
        inputs: webhook({}, { secret: "whsec_nul\u0000terminated" }),
        property: "config.secret",
        reason: "control characters",
    },
    {
        title: "a DEL in the webhook secret",
        inputs: webhook({}, { secret: "whsec_delete\u007fsecret" }),
        property: "config.secret",
        reason: "control characters",
    },

    // Schemes other than http(s).
    {
        title: "an ftp: webhook url",
        inputs: webhook({}, { url: "ftp://files.example.com/alerts" }),
        property: "config.url",
        reason: "must use https:// or http://",
    },
    {
        title: "a javascript: slack url",
        inputs: slack({}, { url: "javascript:alert(document.cookie)" }),
        property: "config.url",
        reason: "must use https:// or http://",
    },
    {
        title: "a file: discord url",
        inputs: discord({}, { url: "file:///etc/passwd" }),
        property: "config.url",
        reason: "must use https:// or http://",
    },
    {
        title: "a mailto: webhook url",
        inputs: webhook({}, { url: "mailto:pager@example.org" }),
        property: "config.url",
        reason: "must use https:// or http://",
    },

    // Malformed and relative URLs.
    {
        title: "a relative webhook url",
        inputs: webhook({}, { url: "/alerts/ops-channel" }),
        property: "config.url",
        reason: "absolute URL",
    },
    {
        title: "a webhook url without a scheme",
        inputs: webhook({}, { url: "hooks.example.com/alerts" }),
        property: "config.url",
        reason: "absolute URL",
    },
    {
        title: "a protocol-relative slack url",
        inputs: slack({}, { url: "//hooks.slack.com/services/T0/B0/X" }),
        property: "config.url",
        reason: "absolute URL",
    },
    {
        title: "a discord url with no host",
        inputs: discord({}, { url: "https://" }),
        property: "config.url",
        reason: "absolute URL",
    },
    {
        title: "a webhook url of plain words",
        inputs: webhook({}, { url: "not a url" }),
        property: "config.url",
        reason: "config.url is not an absolute URL",
    },
    {
        title: "a webhook url with a space in the host",
        inputs: webhook({}, { url: "https://hooks example.com/alerts" }),
        property: "config.url",
        reason: "not an absolute URL (it contains a space",
    },

    // Credentials inside URLs.
    {
        title: "a webhook url with user:password@",
        inputs: webhook({}, { url: "https://admin:hunter2hunter2@hooks.example.com/alerts" }),
        property: "config.url",
        reason: "must not carry credentials",
    },
    {
        title: "a slack url with a user name only",
        inputs: slack({}, { url: "https://xoxb-token-value@hooks.slack.com/services/T0/B0/X" }),
        property: "config.url",
        reason: "must not carry credentials",
    },

    // Email recipients.
    {
        title: "an invalid recipient",
        inputs: email({}, { recipients: ["pager@example.org", "not-an-address"] }),
        property: "config.recipients[1]",
        reason: "valid email address",
    },
    {
        title: "a numeric recipient",
        inputs: email({}, { recipients: [42] }),
        property: "config.recipients[0]",
        reason: "valid email address",
    },
    {
        title: "a null recipient",
        inputs: email({}, { recipients: [null, "pager@example.org"] }),
        property: "config.recipients[0]",
        reason: "valid email address",
    },
    {
        title: "a duplicate recipient",
        inputs: email({}, { recipients: ["pager@example.org", "pager@example.org"] }),
        property: "config.recipients[1]",
        reason: "listed twice",
    },
    {
        title: "a recipient repeated in another case",
        inputs: email({}, { recipients: ["oncall@example.org", "pager@example.org", "PAGER@Example.ORG"] }),
        property: "config.recipients[2]",
        reason: "listed twice (same address as entry 1)",
    },
    {
        title: "an empty recipient list",
        inputs: email({}, { recipients: [] }),
        property: "config.recipients",
        reason: "at least one",
    },
    {
        title: "recipients as a single string",
        inputs: email({}, { recipients: "pager@example.org" }),
        property: "config.recipients",
        reason: "must be a list of email addresses, not string",
    },
    {
        title: "email config without recipients",
        inputs: email({ config: {} }),
        property: "config.recipients",
        reason: "config.recipients is required",
    },

    // Unknown keys.
    {
        title: "a webhook config with headers",
        inputs: webhook({}, { headers: { Authorization: "Bearer x" } }),
        property: "config.headers",
        reason: "not a known argument",
    },
    {
        title: "a slack config with a secret",
        inputs: slack({}, { secret: webhookSecret }),
        property: "config.secret",
        reason: "not a known argument for this channel type",
    },
    {
        title: "a discord config with a username",
        inputs: discord({}, { username: "alert-bot" }),
        property: "config.username",
        reason: "not a known argument",
    },
    {
        title: "an email config with a url",
        inputs: email({}, { url: webhookUrl }),
        property: "config.url",
        reason: "not a known argument",
    },
    {
        title: "an unknown top-level description",
        inputs: webhook({ description: "pages the on-call" }),
        property: "description",
        reason: "description is not a known argument (expected channelType",
    },
    {
        title: "the wire name type at top level",
        inputs: slack({ type: "slack" }),
        property: "type",
        reason: "not a known argument",
    },

    // Unknown channel types.
    {
        title: 'the capitalised channelType "Webhook"',
        inputs: webhook({ channelType: "Webhook" }),
        property: "channelType",
        reason: 'must be one of "webhook", "slack", "discord", "email"',
    },
    {
        title: 'the channelType "sms"',
        inputs: webhook({ channelType: "sms" }),
        property: "channelType",
        reason: "one of",
    },
    {
        title: 'the channelType "teams"',
        inputs: slack({ channelType: "teams" }),
        property: "channelType",
        reason: "one of",
    },

    // Missing arguments.
    { title: "no channelType", inputs: without(webhook(), "channelType"), property: "channelType", reason: "one of" },
    { title: "no config", inputs: without(discord(), "config"), property: "config", reason: "config is required" },
    { title: "no name", inputs: without(email(), "name"), property: "name", reason: "name is required" },
    {
        title: "a webhook config without url",
        inputs: webhook({ config: { secret: webhookSecret } }),
        property: "config.url",
        reason: "config.url is required",
    },

    // null for each field.
    { title: "a null channelType", inputs: webhook({ channelType: null }), property: "channelType", reason: "one of" },
    { title: "a null config", inputs: slack({ config: null }), property: "config", reason: "not null" },
    { title: "a null name", inputs: discord({ name: null }), property: "name", reason: "must be a string, not null" },
    { title: "a null enabled", inputs: email({ enabled: null }), property: "enabled", reason: "not null" },
    { title: "a null adopt", inputs: webhook({ adopt: null }), property: "adopt", reason: "not null" },
    {
        title: "a null webhook url",
        inputs: webhook({}, { url: null }),
        property: "config.url",
        reason: "config.url must be a string, not null",
    },
    {
        title: "a null webhook secret",
        inputs: webhook({}, { secret: null }),
        property: "config.secret",
        reason: "not null",
    },
    {
        title: "null recipients",
        inputs: email({}, { recipients: null }),
        property: "config.recipients",
        reason: "not null",
    },

    // enabled and adopt.
    {
        title: 'enabled as the string "true"',
        inputs: webhook({ enabled: "true" }),
        property: "enabled",
        reason: "enabled must be true or false, not string",
    },
    { title: "enabled as 1", inputs: slack({ enabled: 1 }), property: "enabled", reason: "true or false, not number" },
    {
        title: "an adopt id with a space",
        inputs: webhook({ adopt: "nc 1a2b3c" }),
        property: "adopt",
        reason: "hookstream channel id",
    },
    { title: "an empty adopt id", inputs: email({ adopt: "" }), property: "adopt", reason: "hookstream channel id" },
    {
        title: "an adopt id with a path",
        inputs: discord({ adopt: "../nc_1a2b3c" }),
        property: "adopt",
        reason: "hookstream channel id",
    },
    {
        title: "an adopt id over 128 characters",
        inputs: slack({ adopt: `nc_${"a".repeat(130)}` }),
        property: "adopt",
        reason: "hookstream channel id",
    },
    { title: "a numeric adopt id", inputs: webhook({ adopt: 1234 }), property: "adopt", reason: "a channel id string" },
];
