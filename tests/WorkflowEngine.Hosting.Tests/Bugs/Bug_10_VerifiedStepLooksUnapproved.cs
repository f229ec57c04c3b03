using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A step approved on commitment (告知承诺) went back from 已通过 to 部门已接收 on the applicant's page and in
/// <c>GET /api/applications/{id}</c> while its verification (事后核查) was at the department, due at the verification's
/// due time: the citizen saw the approval apparently taken back before anyone had checked anything. The step stays
/// approved, with its own due time, the commitment saying 核查中, until a failed verification revokes it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_VerifiedStepLooksUnapproved
{
    [Fact]
    public async Task AStepBeingVerified_StaysApprovedForTheApplicant_UntilTheVerificationFails()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await CommitmentFlow.SubmitAsync(host);
        var verifyAt = await CommitmentFlow.SignAsync(host, id);
        await CommitmentFlow.CompleteOtherStepsAsync(host, id);
        var approved = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), CommitmentFlow.Archives);
        var task = await CommitmentFlow.VerificationTaskAsync(host, verifyAt);

        var sent = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), CommitmentFlow.Archives);
        Assert.Equal(("approved", "verifying"), (sent.GetProperty("status").GetString(), sent.GetProperty("commitment").GetProperty("status").GetString()));

        // Acknowledged by the department, where the step read 部门已接收: still approved.
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}"),
            a => CommitmentFlow.Step(a, CommitmentFlow.Archives).GetProperty("commitment").GetProperty("verificationReceivedAt").ValueKind == JsonValueKind.String,
            "the department to acknowledge the verification task");
        var seen = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), CommitmentFlow.Archives);
        Assert.Equal(("approved", "verifying"), (seen.GetProperty("status").GetString(), seen.GetProperty("commitment").GetProperty("status").GetString()));
        Assert.Equal(approved.GetProperty("dueAt").GetDateTimeOffset(), seen.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(approved.GetProperty("completedAt").GetDateTimeOffset(), seen.GetProperty("completedAt").GetDateTimeOffset());

        using var citizen = host.Client("zhangsan");
        var page = Regex.Replace(WebUtility.HtmlDecode(await citizen.GetStringAsync($"/applications/{id}")), @">\s+<", "><");
        var card = page[page.IndexOf($"id=\"step-{CommitmentFlow.Archives}\"", StringComparison.Ordinal)..];
        // Up to the next step's card or the page's end (a card holds lists of its own).
        card = card[..new[] { card.IndexOf("class=\"step-card", StringComparison.Ordinal), card.IndexOf("</main>", StringComparison.Ordinal) }.Where(i => i > 0).Min()];
        Assert.Contains("<span class=\"tag step-status\">已通过</span>", card, StringComparison.Ordinal);
        Assert.DoesNotContain("部门已接收", card, StringComparison.Ordinal);
        Assert.Contains("事后核查：核查中", card, StringComparison.Ordinal);

        // Only a failed verification takes the approval back.
        await CommitmentFlow.FailVerificationAsync(host, id, task);
        page = WebUtility.HtmlDecode(await citizen.GetStringAsync($"/applications/{id}"));
        Assert.Contains("已撤销审批", page, StringComparison.Ordinal);
    }
}
