using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>What goes to the applicant by e-mail and SMS for a notice: to the form's contact, only for the kinds sent, with the right link.</summary>
public sealed class ApplicantMessagesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static readonly Core.Model.WorkflowDefinition Flow = Catalog.Definition("""
        id: test-contact
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: name, label: 姓名, type: text }
          - { key: mobile, label: 手机, type: phone }
          - { key: mail, label: 邮箱, type: email }
        flow:
          activity: sequence
          steps:
            - { id: a, activity: department-task, title: a, department: SAMR, limit: { workingHours: 2 } }
        """);

    private static readonly ApplicantMessages Both = new(new ApplicantMessageSettings
    {
        Channels = new HashSet<string> { NotificationChannelNames.Email, NotificationChannelNames.Sms },
        PublicBaseUrl = "https://zwfw.example.gov.cn/yjs",
    });

    [Fact]
    public void For_AnAccountsApplication_SendsBoth_ToTheFormsContact_LinkingItsProgressPage()
    {
        var application = Application("zhangsan", """{"name":"张三","mobile":"13800138000","mail":"zs@example.cn"}""");

        var messages = Both.For(Notice(application, "rejected"), application, Flow).ToArray();

        var sms = Assert.Single(messages, m => m.Channel == NotificationChannelNames.Sms);
        var email = Assert.Single(messages, m => m.Channel == NotificationChannelNames.Email);
        Assert.Equal("13800138000", sms.Recipient);
        Assert.Equal($"您的申请（YB-1）未获批准，详情请查看：https://zwfw.example.gov.cn/yjs/applications/{application.Id}", sms.Body);
        Assert.Equal("zs@example.cn", email.Recipient);
        Assert.Contains("未获批准：材料不全", email.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("张三", sms.Body + email.Body + email.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void For_AWalkIn_LinksThePublicLookUp_NeverTheApplicationsOwnPage()
    {
        var application = Application(WalkInIntake.OwnerPrefix + "abc", """{"mobile":"13800138000"}""");

        var sms = Assert.Single(Both.For(Notice(application, "completed"), application, Flow));

        Assert.Equal("您的申请（YB-1）已全部办结，详情请查看：https://zwfw.example.gov.cn/yjs/track", sms.Body);
    }

    [Fact]
    public void For_AKindNotSent_OrNoContact_OrNoChannel_SendsNothing()
    {
        var application = Application("zhangsan", """{"mobile":"13800138000","mail":"zs@example.cn"}""");
        var silent = Application("zhangsan", """{"name":"张三"}""");

        Assert.Empty(Both.For(Notice(application, "clock-excluded"), application, Flow));
        Assert.Empty(Both.For(Notice(silent, "rejected"), silent, Flow));
        Assert.Empty(new ApplicantMessages(new ApplicantMessageSettings()).For(Notice(application, "rejected"), application, Flow));
    }

    private static ApplicationRecord Application(string applicant, string form) => new()
    {
        Id = Guid.NewGuid(), TrackingNumber = "YB-1", ServiceId = Flow.Id, ServiceVersion = 1, ApplicantId = applicant, Status = ApplicationStatuses.InProgress,
        FormJson = form, SubmittedAt = Now,
    };

    private static NotificationRecord Notice(ApplicationRecord application, string kind) => new(application.Id, Now, kind, "您的申请（YB-1）未获批准：材料不全", "not approved");
}
