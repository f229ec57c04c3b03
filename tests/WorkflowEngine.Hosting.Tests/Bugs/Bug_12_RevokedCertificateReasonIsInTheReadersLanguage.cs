using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A certificate voided because a commitment (告知承诺) was found not kept carries the reason in both languages: a reader
/// of the English page or of the API with Accept-Language: en reads it in English, beside the application's English
/// reason, and a Chinese reader still reads Chinese. Before the fix only the Chinese reason was stored.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_12_RevokedCertificateReasonIsInTheReadersLanguage
{
    [Fact]
    public async Task AFailedVerification_VoidsTheCertificates_WithTheReasonInEnglishForAnEnglishReader()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, task) = await CommitmentFlow.VerificationOutAsync(host);
        await CommitmentFlow.FailVerificationAsync(host, id, task);

        var english = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}", "en");
        var voided = english.GetProperty("certificates").EnumerateArray().ToArray();
        Assert.Equal(2, voided.Length);
        Assert.All(voided, c => Assert.StartsWith(
            "The check found that the commitment was not kept, so the approval of", c.GetProperty("revokedReason").GetString(), StringComparison.Ordinal));
        var chinese = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.All(chinese.GetProperty("certificates").EnumerateArray(), c => Assert.StartsWith(
            "经事后核查，申请人未履行告知承诺，撤销城建档案验收的审批", c.GetProperty("revokedReason").GetString(), StringComparison.Ordinal));

        using var reader = host.Client("zhangsan");
        reader.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var page = WebUtility.HtmlDecode(await reader.GetStringAsync($"/applications/{id}"));
        var listed = page[page.IndexOf("id=\"certificates-title\"", StringComparison.Ordinal)..];
        listed = listed[..listed.IndexOf("</section>", StringComparison.Ordinal)];
        Assert.Equal(2, listed.Split("so the approval of").Length - 1);
        Assert.DoesNotContain("经事后核查", listed, StringComparison.Ordinal);
    }
}
