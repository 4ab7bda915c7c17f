// Every channel type and a rule routing to them, through the generated Go SDK (sdk/go, by a replace in go.mod).
package main

import (
	"github.com/pulumi-hookstream/pulumi-hookstream/sdk/go/hookstream"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		c := config.New(ctx, "")
		channels := []*hookstream.NotificationChannelArgs{
			{
				ChannelType: hookstream.ChannelTypeWebhook,
				Config: &hookstream.NotificationChannelConfigArgs{
					Url:    pulumi.String("https://ops.example.com/alerts"),
					Secret: c.RequireSecret("hook"),
				},
			},
			// chatType and chatUrl change together: a type change replaces the channel.
			{
				ChannelType: hookstream.ChannelType(c.Require("chatType")),
				Config:      &hookstream.NotificationChannelConfigArgs{Url: c.RequireSecret("chatUrl")},
			},
			{
				ChannelType: hookstream.ChannelTypeDiscord,
				Config:      &hookstream.NotificationChannelConfigArgs{Url: c.RequireSecret("discordUrl")},
			},
			{
				ChannelType: hookstream.ChannelTypeEmail,
				Config: &hookstream.NotificationChannelConfigArgs{
					Recipients: pulumi.StringArray{pulumi.String("oncall@example.com")},
				},
			},
		}
		ids := pulumi.StringArray{}
		for i, name := range []string{"ops", "chat", "community", "mail"} {
			channel, err := hookstream.NewNotificationChannel(ctx, name, channels[i])
			if err != nil {
				return err
			}
			ids = append(ids, channel.ID().ToStringOutput())
		}
		_, err := hookstream.NewAlertRule(ctx, "failures", &hookstream.AlertRuleArgs{
			RuleType:   hookstream.RuleType_Failure_rate,
			RuleConfig: &hookstream.AlertRuleConfigArgs{Threshold: pulumi.Float64(0.1)},
			ChannelIds: ids,
		})
		if err != nil || !c.GetBool("pager") {
			return err
		}
		// The channel and the rule `pulumi import` brought in, declared once the test has imported them.
		pager, err := hookstream.NewNotificationChannel(ctx, "pager", &hookstream.NotificationChannelArgs{
			ChannelType: hookstream.ChannelTypeEmail,
			Config: &hookstream.NotificationChannelConfigArgs{
				Recipients: pulumi.StringArray{pulumi.String("pager@example.com")},
			},
		})
		if err != nil {
			return err
		}
		_, err = hookstream.NewAlertRule(ctx, "escalation", &hookstream.AlertRuleArgs{
			RuleType:   hookstream.RuleTypeDlq,
			RuleConfig: &hookstream.AlertRuleConfigArgs{Threshold: pulumi.Float64(5)},
			ChannelIds: pulumi.StringArray{pager.ID().ToStringOutput()},
		})
		return err
	})
}
