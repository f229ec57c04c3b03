using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A supplement request (补正) may ask the applicant to correct a form answer; only the asking step heard of the new
/// answer (<c>StepSupplemented.form</c>). A department host keeps the application's form once, as the first step brought
/// it, and never again: its other tasks of the application, and a step dispatched there after the correction, showed the
/// old answer, and the departments working on the application in parallel were never told it changed — a bank clerk
/// opened an account at the old address. The engine now tells every department holding a step of the application
/// (<c>ApplicationFormCorrected</c>), a dispatch carries the form's revision, the host keeps the newest form it heard of,
/// and every task of the application shows what the applicant corrected, old → new, with the time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_CorrectedAnswerReachesOtherDepartments
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    internal const string OldAddress = "福建省福州市鼓楼区五四路1号";

    internal const string NewAddress = "福建省福州市鼓楼区五四路8号";

    private const string LaterAddress = "福建省福州市台江区八一七中路99号";

    [Fact]
    public async Task AnAddressCorrectedForTheSeal_IsShownOnTheBanksAndTheLicencesTasks_WithWhatChangedAndWhen()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        await host.DecideOnlyTaskAsync("SAMR", "samr-clerk", new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst));
        var seal = (await host.TaskOfAsync(id, "PSB", "psb-clerk")).GetProperty("id").GetString()!;
        var bank = (await host.TaskOfAsync(id, "BANK", "bank-clerk")).GetProperty("id").GetString()!;
        var licence = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        await AskForTheAddressAsync(host, host, id, seal, "psb-clerk");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst) - host.Clock.GetUtcNow());
        using (var citizen = host.Client("zhangsan"))
        {
            Assert.Equal(HttpStatusCode.OK, (await FormCorrectionTests.CorrectAsync(citizen, id, new { businessAddress = NewAddress })).StatusCode);
        }

        // The bank's open task and the licence's decided one: the new address, and what changed, old → new, with the time.
        foreach (var (task, clerk) in new[] { (bank, "bank-clerk"), (licence, "samr-clerk") })
        {
            var view = await CorrectedViewAsync(host, task, clerk, NewAddress);
            var corrected = Assert.Single(view.GetProperty("application").GetProperty("formCorrected").EnumerateArray());
            Assert.Equal(("businessAddress", OldAddress, NewAddress), (corrected.GetProperty("field").GetString(),
                corrected.GetProperty("old").GetString(), corrected.GetProperty("new").GetString()));
            Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst), corrected.GetProperty("correctedAt").GetDateTimeOffset());
        }

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "bank-clerk", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{bank}"));
        Assert.Contains($"申请人已更正“住所”：{OldAddress} → {NewAddress}（2026-03-02 10:00）", page, StringComparison.Ordinal);
        await ToEnglishAsync(browser);
        var english = WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{bank}"));
        Assert.Contains($"The applicant corrected “Registered address”: {OldAddress} → {NewAddress} (2026-03-02 10:00)", english, StringComparison.Ordinal);

        // The seal's own task marks its corrected answer as before, and repeats no note about it.
        var own = WebUtility.HtmlDecode(await (await PageSignInTests.SignedInBrowserAsync(host, "psb-clerk", "Demo#2026")).GetStringAsync($"/desk/tasks/{seal}"));
        Assert.Contains("（申请人已补正）", own, StringComparison.Ordinal);
        Assert.DoesNotContain("申请人已更正“住所”", own, StringComparison.Ordinal);
    }

    /// <summary>
    /// SAMR and the bank on a department host with a database of its own, over RabbitMQ; the engine and the other
    /// departments in the all-in-one host. The bank's step, dispatched after the licence's correction, shows the corrected
    /// address; a later correction for the seal reaches the bank's open task and the licence's decided one.
    /// </summary>
    [RabbitMqFact]
    public async Task OnADepartmentHostOfItsOwn_AStepDispatchedAfterTheCorrection_AndTheTasksAlreadyThere_ShowTheNewestAddress()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var engine = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, "--Departments:Codes=PSB,TAX,HRSS,HSA,HPF"]);
        await using var counter = await AllInOneHost.StartDepartmentHostAsync([.. broker.HostArgs, "--Departments:Codes=SAMR,BANK"]);
        await broker.WaitForConsumerAsync("dept.SAMR");
        await broker.WaitForConsumerAsync("dept.BANK");
        var id = await engine.SubmitBusinessOpeningAsync();

        // The licence asks for the address; the applicant corrects it at 09:30; the licence is approved on it.
        var licence = (await counter.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await AskForTheAddressAsync(engine, counter, id, licence, "samr-clerk");
        engine.Clock.Advance(TimeSpan.FromMinutes(30));
        await CorrectTheLicencesAddressAsync(engine, counter, id, licence);
        // Each host has its own clock: the licence is decided after the correction, as it would be in real time.
        counter.Clock.Advance(TimeSpan.FromMinutes(45));
        using (var samr = counter.Client("samr-clerk"))
        {
            (await samr.PostAsJsonAsync($"/api/tasks/{licence}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        // (b) The bank's step comes after the correction: it shows the corrected address, not the one the licence came with.
        var bank = (await counter.TaskOfAsync(id, "BANK", "bank-clerk")).GetProperty("id").GetString()!;
        var dispatched = await counter.GetJsonAsync("bank-clerk", $"/api/tasks/{bank}");
        Assert.Equal(NewAddress, dispatched.GetProperty("application").GetProperty("form").GetProperty("businessAddress").GetString());

        // (a) The seal, at the engine's host, asks for the address again; the bank's open task and the licence's decided
        // one, on the other host, show the newest answer and what changed.
        var seal = (await engine.TaskOfAsync(id, "PSB", "psb-clerk")).GetProperty("id").GetString()!;
        await AskForTheAddressAsync(engine, engine, id, seal, "psb-clerk");
        engine.Clock.Advance(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst) - engine.Clock.GetUtcNow());
        using (var citizen = engine.Client("zhangsan"))
        {
            Assert.Equal(HttpStatusCode.OK, (await FormCorrectionTests.CorrectAsync(citizen, id, new { businessAddress = LaterAddress })).StatusCode);
        }

        var atTheBank = await CorrectedViewAsync(counter, bank, "bank-clerk", LaterAddress);
        Assert.Contains(atTheBank.GetProperty("application").GetProperty("formCorrected").EnumerateArray(), c =>
            c.GetProperty("old").GetString() == NewAddress && c.GetProperty("new").GetString() == LaterAddress);
        await CorrectedViewAsync(counter, licence, "samr-clerk", LaterAddress);
        using var browser = await PageSignInTests.SignedInBrowserAsync(counter, "bank-clerk", "Demo#2026");
        Assert.Contains($"申请人已更正“住所”：{NewAddress} → {LaterAddress}（2026-03-02 11:00）",
            WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{bank}")), StringComparison.Ordinal);
    }

    /// <summary>The clerk claims the task at <paramref name="desk"/> and asks for the address; waits until the engine has told the applicant.</summary>
    internal static Task AskForTheAddressAsync(AllInOneHost engine, AllInOneHost desk, Guid id, string task, string clerk) =>
        FormCorrectionTests.AskToCorrectAsync(engine, desk, id, task, clerk, "businessAddress", "住所与租赁合同载明的地址不一致");

    /// <summary>The applicant corrects the address the licence asked for, now; waits until the licence's task at <paramref name="desk"/> has the answer.</summary>
    internal static async Task CorrectTheLicencesAddressAsync(AllInOneHost engine, AllInOneHost desk, Guid id, string licence)
    {
        using (var citizen = engine.Client("zhangsan"))
        {
            Assert.Equal(HttpStatusCode.OK, (await FormCorrectionTests.CorrectAsync(citizen, id, new { businessAddress = NewAddress })).StatusCode);
        }

        await AllInOneHost.EventuallyAsync(
            () => desk.GetJsonAsync("samr-clerk", $"/api/tasks/{licence}"),
            t => t.GetProperty("task").GetProperty("supplement").GetProperty("suppliedAt").ValueKind != JsonValueKind.Null,
            "the licence's supplement to arrive");
    }

    /// <summary>The task as its clerk's API shows it, once it shows <paramref name="address"/> and a correction note for it.</summary>
    internal static Task<JsonElement> CorrectedViewAsync(AllInOneHost host, string task, string clerk, string address) =>
        AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync(clerk, $"/api/tasks/{task}"),
            t => t.GetProperty("application").GetProperty("form").GetProperty("businessAddress").GetString() == address
                && t.GetProperty("application").TryGetProperty("formCorrected", out var notes)
                && notes.EnumerateArray().Any(n => n.GetProperty("new").GetString() == address),
            $"task {task} to show {address}");

    internal static async Task ToEnglishAsync(HttpClient browser)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/desk");
        using var switched = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/desk"), new("__RequestVerificationToken", token)]));
    }
}
