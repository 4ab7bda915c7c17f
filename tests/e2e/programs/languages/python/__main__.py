"""Every channel type and a rule routing to them, through the generated Python SDK (sdk/python)."""
import pulumi
import pulumi_hookstream as hookstream

config = pulumi.Config()

ops = hookstream.NotificationChannel(
    "ops",
    channel_type="webhook",
    config={"url": "https://ops.example.com/alerts", "secret": config.require_secret("hook")},
)
# chatType and chatUrl change together: a type change replaces the channel.
chat = hookstream.NotificationChannel(
    "chat",
    channel_type=config.require("chatType"),
    config={"url": config.require_secret("chatUrl")},
)
community = hookstream.NotificationChannel(
    "community",
    channel_type="discord",
    config={"url": config.require_secret("discordUrl")},
)
mail = hookstream.NotificationChannel(
    "mail",
    channel_type="email",
    config={"recipients": ["oncall@example.com"]},
)
hookstream.AlertRule(
    "failures",
    rule_type="failure_rate",
    rule_config={"threshold": 0.1},
    channel_ids=[ops.id, chat.id, community.id, mail.id],
)
# The channel and the rule `pulumi import` brought in, declared once the test has imported them.
if config.get_bool("pager"):
    pager = hookstream.NotificationChannel(
        "pager",
        channel_type="email",
        config={"recipients": ["pager@example.com"]},
    )
    hookstream.AlertRule(
        "escalation",
        rule_type="dlq",
        rule_config={"threshold": 5},
        channel_ids=[pager.id],
    )
