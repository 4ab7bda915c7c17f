import { alertRuleProvider } from "./alert-rule/provider";
import { channelProvider } from "./notification-channel/provider";

/** Every resource kind's provider, by the name its shim asks for. Adding a resource is one line here. */
export const providers = {
    NotificationChannel: channelProvider,
    AlertRule: alertRuleProvider,
};
