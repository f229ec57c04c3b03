using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Notifications;

/// <summary>
/// A citizen is told by e-mail and SMS, not only on the application's page: a supplement request reaches the address
/// and the telephone number given in the form, once, through a real mail server and an HTTP SMS gateway started here;
/// a gateway that keeps failing leaves the message failed with its reason on the administrator's list, and nothing
/// else waits for it; a mail setting that cannot work stops the host.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApplicantNotificationTests
{
    private const string PublicBaseUrl = "https://zwfw.example.gov.cn/yjs";
    private const string CitizenEmail = "zhangsan@example.cn";

    [Fact]
    public async Task SupplementRequest_IsEmailedOnce_ThoughTheServerRefusedTheFirstTry_AndTheHostRestartedMeanwhile()
    {
        await using var mail = TestMailServer.Start(failFirst: 1);
        var directory = Directory.CreateTempSubdirectory("workflow-notify-");
        try
        {
            string[] args =
            [
                $"--Pages:PublicBaseUrl={PublicBaseUrl}/",
                "--Notifications:Email:Host=127.0.0.1",
                $"--Notifications:Email:Port={mail.Port}",
                "--Notifications:Email:UseTls=false",
                "--Notifications:Email:From=一网通办 <noreply@zwfw.example.gov.cn>",
                "--Notifications:RetrySeconds=600",
                "--Notifications:PollSeconds=0.1",
            ];
            Guid id;
            DateTimeOffset stoppedAt;
            await using (var first = await AllInOneHost.StartInAsync(directory, null, null, args))
            {
                id = await SubmitWithContactAsync(first, email: CitizenEmail);
                await RequestSupplementAsync(first, id);

                // The server said 451: the message waits for its retry, ten minutes on, and the host stops before then.
                var waiting = await AllInOneHost.EventuallyAsync(
                    () => first.GetJsonAsync("admin", "/api/notification-deliveries?status=pending"),
                    d => d.GetArrayLength() == 1 && d[0].GetProperty("attempts").GetInt32() == 1, "the first attempt to fail");
                Assert.Contains("451", waiting[0].GetProperty("lastError").GetString(), StringComparison.Ordinal);
                Assert.Equal(1, mail.Refused);
                Assert.Empty(mail.Received);
                stoppedAt = first.Clock.GetUtcNow();
            }

            await using var second = await AllInOneHost.StartInAsync(directory, stoppedAt, null, args);
            second.Clock.Advance(TimeSpan.FromMinutes(11));
            var sent = await AllInOneHost.EventuallyAsync(
                () => second.GetJsonAsync("admin", "/api/notification-deliveries?status=sent"), d => d.GetArrayLength() == 1, "the retry to be sent");
            // A while longer, several polls: nothing goes a second time.
            await Task.Delay(TimeSpan.FromSeconds(1));

            var message = Assert.Single(mail.Received);
            var application = await second.GetJsonAsync("zhangsan", $"/api/applications/{id}");
            var tracking = application.GetProperty("trackingNumber").GetString()!;
            Assert.Equal(CitizenEmail, message.To.Mailboxes.Single().Address);
            Assert.Equal("noreply@zwfw.example.gov.cn", message.From.Mailboxes.Single().Address);
            Assert.Equal($"您的申请（{tracking}）需要补正材料", message.Subject);
            Assert.Contains("营业执照需要补正材料：公司章程（章程未盖章）", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($"{PublicBaseUrl}/applications/{id}", message.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("11010519491231002X", message.TextBody, StringComparison.Ordinal);
            Assert.Equal(2, sent[0].GetProperty("attempts").GetInt32());
            Assert.Equal("email", sent[0].GetProperty("channel").GetString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task SupplementRequest_IsTextedToTheFormsPhone_SignedForTheGateway()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await AllInOneHost.StartAsync(null, null,
            $"--Pages:PublicBaseUrl={PublicBaseUrl}", $"--Notifications:Sms:Url={gateway.Url}", $"--Notifications:Sms:Secret={TestSmsGateway.Secret}",
            "--Notifications:Sms:Signature=【福州政务】", "--Notifications:PollSeconds=0.1");
        var id = await SubmitWithContactAsync(host);
        await RequestSupplementAsync(host, id);

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/notification-deliveries?status=sent"), d => d.GetArrayLength() == 1, "the SMS to be sent");
        await Task.Delay(TimeSpan.FromSeconds(0.5));

        var (body, signed) = Assert.Single(gateway.Requests);
        var tracking = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString();
        Assert.True(signed, "the gateway found the signature wrong");
        Assert.Equal("13800138000", body.GetProperty("phone").GetString());
        Assert.Equal($"【福州政务】您的申请（{tracking}）需要补正材料，详情请查看：{PublicBaseUrl}/applications/{id}", body.GetProperty("text").GetString());
        Assert.StartsWith("notification-", body.GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GatewayAnswering500_IsTriedAgain_ThenListedFailedWithItsReason_AndTheApplicationGoesOn()
    {
        await using var gateway = await TestSmsGateway.StartAsync(500, "gateway down");
        await using var host = await AllInOneHost.StartAsync(null, null,
            $"--Pages:PublicBaseUrl={PublicBaseUrl}", $"--Notifications:Sms:Url={gateway.Url}", $"--Notifications:Sms:Secret={TestSmsGateway.Secret}",
            "--Notifications:MaxAttempts=3", "--Notifications:RetrySeconds=0", "--Notifications:PollSeconds=0.1");
        var id = await SubmitWithContactAsync(host);
        await RequestSupplementAsync(host, id);

        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/notification-deliveries"), d => d.GetArrayLength() == 1, "the SMS to fail for good");
        Assert.Equal(3, gateway.Requests.Count);
        Assert.All(gateway.Requests, r => Assert.True(r.SignatureValid));
        Assert.Equal("failed", failed[0].GetProperty("status").GetString());
        Assert.Equal(3, failed[0].GetProperty("attempts").GetInt32());
        Assert.Equal("The SMS gateway answered 500 Internal Server Error: gateway down", failed[0].GetProperty("lastError").GetString());
        Assert.Equal(id, failed[0].GetProperty("applicationId").GetGuid());
        using (var admin = host.Client("admin"))
        {
            Assert.Contains("1 条发送失败", await admin.GetStringAsync("/admin"), StringComparison.Ordinal);
            var page = await admin.GetStringAsync("/admin/notifications");
            Assert.Contains("The SMS gateway answered 500 Internal Server Error: gateway down", page, StringComparison.Ordinal);
            Assert.Contains(failed[0].GetProperty("trackingNumber").GetString()!, page, StringComparison.Ordinal);
        }

        // The citizen supplies the material meanwhile: the engine went on without waiting for the message.
        using (var citizen = host.Client("zhangsan"))
        {
            var file = new ByteArrayContent(BusinessOpening.Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var upload = new MultipartFormDataContent { { file, "articles", "章程（盖章）.pdf" } };
            (await citizen.PostAsync($"/api/applications/{id}/materials", upload)).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("supplements").GetArrayLength() == 0, "the supplement to be answered");

        using var clerkOnly = host.Client("samr-clerk");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await clerkOnly.GetAsync("/api/notification-deliveries")).StatusCode);
    }

    [Fact]
    public async Task WithoutChannels_NothingIsQueued()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await SubmitWithContactAsync(host, email: CitizenEmail);
        await RequestSupplementAsync(host, id);

        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/notification-deliveries?status=all")).GetArrayLength());
    }

    [Theory]
    [InlineData("Notifications:Email:From", "--Notifications:Email:Host=mail.example.gov.cn", "--Pages:PublicBaseUrl=https://zwfw.example.gov.cn")]
    [InlineData("Notifications:Email:From", "--Notifications:Email:Host=mail.example.gov.cn", "--Notifications:Email:From=not an address", "--Pages:PublicBaseUrl=https://zwfw.example.gov.cn")]
    [InlineData("Notifications:Sms:Secret", "--Notifications:Sms:Url=https://sms.example.gov.cn/send", "--Pages:PublicBaseUrl=https://zwfw.example.gov.cn")]
    [InlineData("Pages:PublicBaseUrl", "--Notifications:Email:Host=mail.example.gov.cn", "--Notifications:Email:From=noreply@example.gov.cn")]
    public async Task AChannelSettingThatCannotWork_StopsTheHost_NamingTheKey(string key, params string[] args)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => AllInOneHost.StartAsync(null, null, args));
        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    internal static async Task<Guid> SubmitWithContactAsync(AllInOneHost host, string? email = null)
    {
        var form = BusinessOpening.Form();
        if (email is not null)
        {
            form["contactEmail"] = email;
        }

        using var client = host.Client("zhangsan");
        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart(BusinessOpening.Application(form)));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The licence's clerk asks for the articles again; <paramref name="applicant"/> (or window staff for a walk-in) then sees the request.</summary>
    internal static async Task RequestSupplementAsync(AllInOneHost host, Guid id, string applicant = "zhangsan")
    {
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new { items = new[] { new { material = "articles", reason = "章程未盖章" } } });
        asked.EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync(applicant, $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the supplement request");
    }
}
