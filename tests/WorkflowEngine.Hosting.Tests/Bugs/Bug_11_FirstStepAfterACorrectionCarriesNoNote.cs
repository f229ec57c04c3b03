using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A department host that receives its first step of an application after the applicant corrected an answer (补正)
/// heard no <c>ApplicationFormCorrected</c>: its step carried the corrected form (<c>formRevision</c>) but nothing said an
/// answer had changed, so its clerk, comparing the form with the documents, could not see that the registered address
/// was not the one the application came with. The step now carries the corrections made so far
/// (<c>ExecuteStep.earlierCorrections</c>), which the host keeps once per application as it keeps the message's.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_FirstStepAfterACorrectionCarriesNoNote
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private const string OldAddress = Bug_11_CorrectedAnswerReachesOtherDepartments.OldAddress;

    private const string NewAddress = Bug_11_CorrectedAnswerReachesOtherDepartments.NewAddress;

    /// <summary>
    /// The bank alone on a department host with a database of its own, over RabbitMQ; the engine and the other
    /// departments in the all-in-one host. The licence asks for the address, the applicant corrects it, the licence is
    /// approved: the bank's first step of the application shows what changed, old → new, with the time.
    /// </summary>
    [RabbitMqFact]
    public async Task TheBanksFirstStep_DispatchedAfterTheLicencesCorrection_ShowsWhatTheApplicantCorrected()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var engine = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, "--Departments:Codes=SAMR,PSB,TAX,HRSS,HSA,HPF"]);
        await using var bankHost = await AllInOneHost.StartDepartmentHostAsync([.. broker.HostArgs, "--Departments:Codes=BANK"]);
        await broker.WaitForConsumerAsync("dept.BANK");
        var id = await engine.SubmitBusinessOpeningAsync();

        var licence = (await engine.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await Bug_11_CorrectedAnswerReachesOtherDepartments.AskForTheAddressAsync(engine, engine, id, licence, "samr-clerk");
        engine.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst) - engine.Clock.GetUtcNow());
        await Bug_11_CorrectedAnswerReachesOtherDepartments.CorrectTheLicencesAddressAsync(engine, engine, id, licence);
        engine.Clock.Advance(TimeSpan.FromMinutes(30));
        using (var samr = engine.Client("samr-clerk"))
        {
            (await samr.PostAsJsonAsync($"/api/tasks/{licence}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        var bank = (await bankHost.TaskOfAsync(id, "BANK", "bank-clerk")).GetProperty("id").GetString()!;
        var view = await Bug_11_CorrectedAnswerReachesOtherDepartments.CorrectedViewAsync(bankHost, bank, "bank-clerk", NewAddress);
        var corrected = Assert.Single(view.GetProperty("application").GetProperty("formCorrected").EnumerateArray());
        Assert.Equal(("businessAddress", OldAddress, NewAddress, 1), (corrected.GetProperty("field").GetString(),
            corrected.GetProperty("old").GetString(), corrected.GetProperty("new").GetString(), corrected.GetProperty("formRevision").GetInt32()));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst), corrected.GetProperty("correctedAt").GetDateTimeOffset());
        // Made before the step was sent: no event of this task's own, so not a line of its history.
        Assert.DoesNotContain(view.GetProperty("history").EnumerateArray(), e => e.GetProperty("kind").GetString() == "form-corrected");

        using var browser = await PageSignInTests.SignedInBrowserAsync(bankHost, "bank-clerk", "Demo#2026");
        Assert.Contains($"申请人已更正“住所”：{OldAddress} → {NewAddress}（2026-03-02 10:00）",
            WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{bank}")), StringComparison.Ordinal);
        await Bug_11_CorrectedAnswerReachesOtherDepartments.ToEnglishAsync(browser);
        Assert.Contains($"The applicant corrected “Registered address”: {OldAddress} → {NewAddress} (2026-03-02 10:00)",
            WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{bank}")), StringComparison.Ordinal);
    }
}
