using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// "My applications" said 办理中 of every open application, also of one waiting on its applicant: a supplement request
/// (补正) to answer, a material accepted as coming later (容缺) to supply, a commitment (告知承诺书) to sign. Those now come
/// first, marked 待您处理 in words, each saying what is needed, by when, and linking to where on the progress page it is done.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_MyApplicationsShowWhatTheApplicantMustDo
{
    [Fact]
    public async Task ApplicationsWaitingOnTheApplicant_AreListedFirst_EachSayingWhatIsNeeded_AndLinkingToWhereItIsDone()
    {
        await using var host = await AllInOneHost.StartAsync();
        // Oldest first: a commitment to sign, a supplement request, a material accepted as coming later, and one that needs nothing.
        // A minute apart, so that "newest first" has one order.
        var commitment = await CommitmentFlow.SubmitAsync(host);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var supplement = await SubmitCompleteAsync(host);
        var task = (await host.TaskOfAsync(supplement)).GetProperty("id").GetString();
        // Asked for a minute after the articles came: the file uploaded with the application does not answer the request.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
                new { items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" } } });
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        var answerBy = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{supplement}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the supplement request"))
            .GetProperty("supplements")[0].GetProperty("answerBy").GetDateTimeOffset();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var deferred = await host.SubmitBusinessOpeningAsync("zhangsan");
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var nothing = await SubmitCompleteAsync(host);
        var addressDue = (await host.GetJsonAsync("zhangsan", $"/api/applications/{deferred}")).GetProperty("materials").EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == "addressProof").GetProperty("dueBy").GetDateTimeOffset();

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/applications"));

        // Those waiting on the applicant first, newest first among them; then the one that needs nothing.
        Assert.Equal([deferred, supplement, commitment, nothing], RowsOf(page));
        var supplementRow = Row(page, supplement);
        Assert.Contains("待您处理", supplementRow, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/applications/{supplement}#upload-title\">补正材料：公司章程</a>", supplementRow, StringComparison.Ordinal);
        Assert.Contains($"请于 {Shanghai(answerBy)} 前办理", supplementRow, StringComparison.Ordinal);
        var deferredRow = Row(page, deferred);
        Assert.Contains($"<a href=\"/applications/{deferred}#upload-title\">补交材料：住所使用证明</a>", deferredRow, StringComparison.Ordinal);
        Assert.Contains($"请于 {Shanghai(addressDue)} 前办理", deferredRow, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/applications/{commitment}#step-{CommitmentFlow.Archives}\">签署告知承诺书：", Row(page, commitment), StringComparison.Ordinal);
        Assert.DoesNotContain("待您处理", Row(page, nothing), StringComparison.Ordinal);
        // The links land on what they name: the upload form and the step with its commitment.
        var progress = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{supplement}"));
        Assert.Contains("id=\"upload-title\"", progress, StringComparison.Ordinal);

        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, "/applications");
        Assert.Contains("Action needed", Row(english, supplement), StringComparison.Ordinal);
        Assert.Contains(">Supplement: Articles of association</a>", Row(english, supplement), StringComparison.Ordinal);
        Assert.Contains(">Supply: Proof of the registered address</a>", Row(english, deferred), StringComparison.Ordinal);
        Assert.Contains(">Sign the commitment: ", Row(english, commitment), StringComparison.Ordinal);
    }

    /// <summary>A 企业开办 with every material, the address proof too, and no bank account: nothing left to supply.</summary>
    private static async Task<Guid> SubmitCompleteAsync(AllInOneHost host)
    {
        using var citizen = host.Client("zhangsan");
        using var response = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(
            BusinessOpening.Application(BusinessOpening.Form(bank: false)),
            ("articles", "章程.pdf", BusinessOpening.Pdf), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf), ("addressProof", "租赁合同.pdf", BusinessOpening.Pdf)));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static string Shanghai(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The applications in the order the page lists them.</summary>
    private static List<Guid> RowsOf(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "<th scope=\"row\"><a href=\"/applications/([0-9a-f-]{36})\">").Select(m => Guid.Parse(m.Groups[1].Value))];

    /// <summary>One application's row of the table.</summary>
    private static string Row(string page, Guid id)
    {
        var start = page.IndexOf($"<th scope=\"row\"><a href=\"/applications/{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"a row for {id}");
        return page[start..page.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
