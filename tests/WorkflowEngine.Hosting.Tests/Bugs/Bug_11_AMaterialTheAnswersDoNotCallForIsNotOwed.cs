using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A required material that only a conditional step uses (the bank's account application, used only when the
/// applicant asks for an account) is not asked for by the form when the answers skip that step. The engine still
/// counted it as owed: the application waited for it (“awaiting materials”) forever, or — when it may come later
/// (容缺) — got a due time for it and was paused or ended when nobody sent it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_AMaterialTheAnswersDoNotCallForIsNotOwed
{
    private static async Task PublishWithRequiredBankFormAsync(AllInOneHost host, bool deferrable)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        const string bankForm = "    name: { zh: 银行开户申请书, en: Bank account application }\n";
        Assert.Contains(bankForm, yaml, StringComparison.Ordinal);
        await host.PublishAsync(yaml.Replace(
            bankForm, bankForm + "    required: true\n" + (deferrable ? "    deferrable: { workingDays: 2 }\n" : ""), StringComparison.Ordinal));
    }

    private static async Task<JsonElement> SubmitAsync(AllInOneHost host, bool bank)
    {
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(BusinessOpening.Application(BusinessOpening.Form(bank))));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
    }

    private static JsonElement BankForm(JsonElement application) =>
        application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "bankApplication");

    [Fact]
    public async Task WithoutABankAccount_TheApplicationStarts_AndTheBankFormIsNotListedAsMissing()
    {
        await using var host = await AllInOneHost.StartAsync();
        await PublishWithRequiredBankFormAsync(host, deferrable: false);

        var withoutAccount = await SubmitAsync(host, bank: false);
        Assert.Equal("in-progress", withoutAccount.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, withoutAccount.GetProperty("dueAt").ValueKind);
        Assert.Equal("optional", BankForm(withoutAccount).GetProperty("status").GetString());
        Assert.False(BankForm(withoutAccount).GetProperty("required").GetBoolean());

        // Asking for the account makes it owed, as the form says.
        var withAccount = await SubmitAsync(host, bank: true);
        Assert.Equal("awaiting-materials", withAccount.GetProperty("status").GetString());
        Assert.Equal("missing", BankForm(withAccount).GetProperty("status").GetString());
    }

    [Fact]
    public async Task WithoutABankAccount_ABankFormThatMayComeLater_GetsNoDueTime_AndNothingWaitsForIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        await PublishWithRequiredBankFormAsync(host, deferrable: true);

        var withoutAccount = await SubmitAsync(host, bank: false);
        Assert.Equal("in-progress", withoutAccount.GetProperty("status").GetString());
        Assert.Equal("optional", BankForm(withoutAccount).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, BankForm(withoutAccount).GetProperty("dueBy").ValueKind);
        var withAccount = await SubmitAsync(host, bank: true);
        Assert.Equal("deferred", BankForm(withAccount).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, BankForm(withAccount).GetProperty("dueBy").ValueKind);

        // Past the two working days: only the application that asked for an account is overdue with the form.
        host.Clock.Advance(TimeSpan.FromDays(4));
        await host.FireDueTimersAsync();
        await AllInOneHost.EventuallyAsync(
            () => OverdueAsync(host, withAccount), overdue => overdue, "the form owed with the account to turn overdue");
        Assert.False(await OverdueAsync(host, withoutAccount));
    }

    private static async Task<bool> OverdueAsync(AllInOneHost host, JsonElement application)
    {
        var trail = await host.GetJsonAsync("admin", $"/api/applications/{application.GetProperty("id").GetGuid()}/audit");
        return trail.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "DeferredMaterialOverdue");
    }
}
