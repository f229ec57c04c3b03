namespace WorkflowEngine.Runtime.Notifications;

/// <summary>The channels an applicant is told through besides the application's page.</summary>
public static class NotificationChannelNames
{
    public const string Email = "email";

    public const string Sms = "sms";
}
