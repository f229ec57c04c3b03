using System.Net;
using System.Text.Json;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// An administrator working in English reads a definition's errors in English: in the editor after Validate, on a
/// saved draft's version page (the list and the mark at the line), and in the API's <c>messageEn</c> the editor's
/// script shows. Before the fix every error was in Chinese only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_DefinitionErrorsInTheAdministratorsLanguage(HostFixture fixture) : IClassFixture<HostFixture>
{
    /// <summary>Promised longer than statutory (line 3), and a step's department no one registered (line 5).</summary>
    private const string Broken = """
        id: english-errors
        title: { zh: 英文错误, en: English errors }
        timeLimits: { statutory: { workingDays: 3 }, promised: { workingDays: 5 } }
        flow:
          - { id: check, activity: department-task, title: 审查, department: NOWHERE, limit: { workingDays: 1 } }

        """;

    [Fact]
    public async Task TheEditorAndTheVersionPage_InEnglish_ShowEachErrorInEnglishAtItsLine()
    {
        using var admin = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "admin", IdentitySeeding.DemoPassword);
        using var chineseCheck = await UserAdministrationPagesTests.PostFormAsync(admin, "/admin/definitions/edit", "Validate", ("source", Broken));
        var chinese = WebUtility.HtmlDecode(await chineseCheck.Content.ReadAsStringAsync());
        Assert.Contains("<code>timeLimits.promised</code>：承诺时限（5 个工作日）不能长于法定时限（3 个工作日）", chinese, StringComparison.Ordinal);

        await ProvisionalDueTimeTests.SwitchToEnglishAsync(admin, "/admin/definitions/edit");
        using var englishCheck = await UserAdministrationPagesTests.PostFormAsync(admin, "/admin/definitions/edit", "Validate", ("source", Broken));
        var editor = WebUtility.HtmlDecode(await englishCheck.Content.ReadAsStringAsync());
        Assert.Contains(
            ">Line 3</a> <code>timeLimits.promised</code>: The promised limit (5 working days) cannot be longer than the statutory limit (3 working days)</li>",
            editor, StringComparison.Ordinal);
        Assert.Contains(">Line 5</a> <code>flow[0].department</code>: Unknown department \"NOWHERE\" (departments are registered in departments.yaml)</li>", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("承诺时限（", editor, StringComparison.Ordinal);

        // Saved as a draft, its version page lists the errors in English and marks line 3 with its English one.
        using var saved = await UserAdministrationPagesTests.PostFormAsync(admin, "/admin/definitions/edit", "Save", ("source", Broken));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var version = WebUtility.HtmlDecode(await admin.GetStringAsync(saved.Headers.Location));
        Assert.Contains("<code>timeLimits.promised</code>: The promised limit (5 working days) cannot be longer than the statutory limit (3 working days)</li>", version, StringComparison.Ordinal);
        Assert.Matches("id=\"L3\"[\\s\\S]*?<span class=\"admin-line-error\">The promised limit \\(5 working days\\)", version);
        Assert.DoesNotContain("承诺时限（", version, StringComparison.Ordinal);

        // The editor's script reads messageEn beside message from the validation call.
        using var api = fixture.Host.Client("admin");
        using var validated = await api.PostAsync("/api/definitions/validate", new StringContent(Broken, System.Text.Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.BadRequest, validated.StatusCode);
        var promised = JsonDocument.Parse(await validated.Content.ReadAsStringAsync()).RootElement.GetProperty("errors").EnumerateArray()
            .Single(e => e.GetProperty("path").GetString() == "timeLimits.promised");
        Assert.Equal("承诺时限（5 个工作日）不能长于法定时限（3 个工作日）", promised.GetProperty("message").GetString());
        Assert.Equal("The promised limit (5 working days) cannot be longer than the statutory limit (3 working days)", promised.GetProperty("messageEn").GetString());
    }
}
