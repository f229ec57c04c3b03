using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 补正 of a form answer: the clerk asks the applicant to correct a field ("the registered address does not match the
/// lease") beside a material; the applicant's corrected answer is judged as a submission's, replaces the form's value with
/// the old and the new on the audit trail, and the step's clock runs again only once every item has come.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FormCorrectionTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private const string OldAddress = "福建省福州市鼓楼区五四路1号";

    private const string NewAddress = "福建省福州市鼓楼区五四路8号";

    [Fact]
    public async Task TheClerkAsksToCorrectTheAddress_AWrongAnswerIsRefused_TheRightOneRunsTheClock_AndTheDeskShowsIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();

        // The desk refuses an item naming a field the form does not have, and one naming a field and a material both.
        using var unknown = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new object[] { new { field = "leaseNumber", reason = "请填写" } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("businessAddress", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("items[0].field")[0].GetString(), StringComparison.Ordinal);
        using var both = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new object[] { new { material = "articles", field = "businessAddress", reason = "不一致" } } });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.True((await both.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("items[0].field", out _));

        // At 09:30 the clerk asks for the address and the articles in one request.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new
        {
            items = new object[]
            {
                new { field = "businessAddress", reason = "住所与租赁合同载明的地址不一致" },
                new { material = "articles", reason = "章程第五条出资方式与申请表不一致" },
            },
        });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);

        // The applicant reads the field's item with the answer it has now; the step's clock stands still.
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request");
        var item = application.GetProperty("supplements")[0].GetProperty("items")[0];
        Assert.Equal("businessAddress", item.GetProperty("field").GetString());
        Assert.Equal("住所", item.GetProperty("name").GetString());
        Assert.Equal(OldAddress, item.GetProperty("answer").GetString());
        Assert.Equal("paused", SupplementTests.Licence(application).GetProperty("clock").GetString());
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supplement-requested"
            && n.GetProperty("message").GetString()!.Contains("申请表“住所”（住所与租赁合同载明的地址不一致）", StringComparison.Ordinal));

        // At 14:00 the articles alone do not run the clock again.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 14, 0, 0, Cst) - host.Clock.GetUtcNow());
        using var citizen = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.OK, (await SupplementTests.UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).StatusCode);
        Assert.Equal("paused", SupplementTests.Licence(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("clock").GetString());

        // A wrong answer (longer than the form allows), and an answer no request asks about, are refused by their field; nothing is stored.
        using var tooLong = await CorrectAsync(citizen, id, new { businessAddress = new string('路', 121) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("住所", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("form.businessAddress")[0].GetString(), StringComparison.Ordinal);
        using var unasked = await CorrectAsync(citizen, id, new { companyName = "另一家公司" });
        Assert.Equal(HttpStatusCode.BadRequest, unasked.StatusCode);
        Assert.True((await unasked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("form.companyName", out _));
        application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(OldAddress, application.GetProperty("form").GetProperty("businessAddress").GetString());
        Assert.Equal("paused", SupplementTests.Licence(application).GetProperty("clock").GetString());
        Assert.Empty(await SupplementApprovalTests.TrailAsync(host, id, "FormCorrected"));

        // The right answer completes the request: the form holds it, the clock runs again, the trail has old → new.
        using var right = await CorrectAsync(citizen, id, new { businessAddress = NewAddress });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(NewAddress, application.GetProperty("form").GetProperty("businessAddress").GetString());
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
        // Half an hour was used before the request: the other hour and a half runs from 14:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 15, 30, 0, Cst), SupplementTests.Licence(application).GetProperty("dueAt").GetDateTimeOffset());
        var corrected = Assert.Single(await SupplementApprovalTests.TrailAsync(host, id, "FormCorrected"));
        Assert.Equal("businessAddress", corrected.GetProperty("data").GetProperty("field").GetString());
        Assert.Equal(OldAddress, JsonSerializer.Deserialize<string>(corrected.GetProperty("data").GetProperty("old").GetString()!));
        Assert.Equal(NewAddress, JsonSerializer.Deserialize<string>(corrected.GetProperty("data").GetProperty("new").GetString()!));
        Assert.Equal("zhangsan", corrected.GetProperty("actor").GetString());
        var provided = Assert.Single(await SupplementApprovalTests.TrailAsync(host, id, "SupplementProvided"));
        Assert.Equal("businessAddress", provided.GetProperty("data").GetProperty("fields").GetString());

        // The clerk's task runs again, and the desk shows the new address, marked as corrected.
        var view = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"),
            t => t.GetProperty("task").GetProperty("clock").GetString() == "running"
                && t.GetProperty("task").GetProperty("supplement").GetProperty("suppliedAt").ValueKind != JsonValueKind.Null,
            "the clerk's task to run again");
        Assert.Equal(NewAddress, view.GetProperty("application").GetProperty("form").GetProperty("businessAddress").GetString());
        Assert.Equal(NewAddress, view.GetProperty("application").GetProperty("formCorrections").GetProperty("businessAddress").GetString());
        var page = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Contains(NewAddress, page, StringComparison.Ordinal);
        Assert.Contains("（申请人已补正）", page, StringComparison.Ordinal);
        Assert.DoesNotContain(OldAddress, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADepartmentSystemsRequestNamingAnUnknownFieldOrAFieldAndAMaterial_IsIgnoredAndAudited()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);
        Task SendAsync(SupplementItem item) => SendRequestAsync(host, id, item);

        await SendAsync(new SupplementItem { Field = "leaseNumber", Reason = "请填写租赁合同编号" });
        await SendAsync(new SupplementItem { Material = "articles", Field = "businessAddress", Reason = "不一致" });
        await SendAsync(new SupplementItem { Reason = "缺少" });

        var ignored = await AllInOneHost.EventuallyAsync(
            () => SupplementApprovalTests.TrailAsync(host, id, "SupplementIgnored"), t => t.Length == 3, "the engine to refuse the three requests");
        var reasons = ignored.Select(e => e.GetProperty("data").GetProperty("reason").GetString()).ToArray();
        Assert.Contains("申请表中没有字段“leaseNumber”", reasons);
        Assert.Equal(2, reasons.Count(r => r!.Contains("须且只须写明材料", StringComparison.Ordinal)));
        Assert.Empty(await SupplementApprovalTests.TrailAsync(host, id, "SupplementRequested"));
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
    }

    [Fact]
    public async Task TheProgressPage_ShowsTheAnswerToCorrect_WithAnInputOfItsType_RefusesAWrongOneByTheField_AndTakesTheRightOne()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await AskToCorrectAsync(host, host, id, task, "samr-clerk", "businessAddress", "住所与租赁合同载明的地址不一致", claimedFor: TimeSpan.FromMinutes(30));
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var path = $"/applications/{id}";
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(path));
        Assert.Matches("住所与租赁合同载明的地址不一致[\\s\\S]*?现填写：" + OldAddress, page);
        // The apply page's own input for the field: a text box with the form's limit.
        Assert.Matches("<input type=\"text\" id=\"f-businessAddress\" name=\"form.businessAddress\"\\s+value=\"\"[^>]*maxlength=\"120\"", page);

        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path);
        using var wrong = await browser.PostAsync(path, new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(new string('路', 121)), "form.businessAddress" },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Matches("<div class=\"field field-invalid\" data-field=\"form.businessAddress\"", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal(OldAddress, (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("form").GetProperty("businessAddress").GetString());

        using var right = await browser.PostAsync(path, new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent(NewAddress), "form.businessAddress" },
        });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(NewAddress, application.GetProperty("form").GetProperty("businessAddress").GetString());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
        Assert.DoesNotContain("f-businessAddress", await browser.GetStringAsync(path), StringComparison.Ordinal);
    }

    /// <summary>
    /// The clerk claims the task at <paramref name="desk"/> and, <paramref name="claimedFor"/> later, asks the applicant to
    /// correct <paramref name="field"/>; waits until the engine has told the applicant.
    /// </summary>
    internal static async Task AskToCorrectAsync(
        AllInOneHost engine, AllInOneHost desk, Guid id, string task, string clerk, string field, string reason, TimeSpan claimedFor = default)
    {
        using var client = desk.Client(clerk);
        (await client.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        if (claimedFor > TimeSpan.Zero)
        {
            desk.Clock.Advance(claimedFor);
        }

        using var asked = await client.PostAsJsonAsync($"/api/tasks/{task}/supplements", new { items = new object[] { new { field, reason } } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => engine.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request");
    }

    /// <summary>A supplement request for the licence step as a department's own system sends it, straight to the engine's queue, made now.</summary>
    internal static Task SendRequestAsync(AllInOneHost host, Guid id, SupplementItem item) => SendRequestAsync(host, id, [item]);

    /// <summary>A supplement request of several items for the licence step, straight to the engine's queue.</summary>
    internal static async Task SendRequestAsync(AllInOneHost host, Guid id, IReadOnlyList<SupplementItem> items)
    {
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + Queues.EngineReports));
        await endpoint.Send(
            new StepSupplementRequested
            {
                ApplicationId = id,
                StepId = "business-licence",
                Attempt = 1,
                Department = "SAMR",
                RequestId = Guid.NewGuid(),
                Items = items,
                RequestedBy = "samr-own-system",
                RequestedAt = host.Clock.GetUtcNow(),
            },
            context => context.MessageId = Guid.NewGuid());
    }

    /// <summary>Sends corrected answers as the supplement's upload does: a multipart field named form.</summary>
    internal static async Task<HttpResponseMessage> CorrectAsync(HttpClient citizen, Guid id, object answers)
    {
        using var body = new MultipartFormDataContent { { new StringContent(JsonSerializer.Serialize(answers)), "form" } };
        return await citizen.PostAsync($"/api/applications/{id}/materials", body);
    }
}
