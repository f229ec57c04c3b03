using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Window intake (前台综合受理): window staff submit 企业开办 for a citizen who walked in, through the applicant's own
/// checks plus the applicant block; the audit names the staff member and the citizen; the citizen, without an account,
/// follows it with the tracking number and the query code of the receipt, and a wrong code reads as an unknown number.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WindowIntakeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string ResidentId = "11010519491231002X";
    private AllInOneHost Host => fixture.Host;

    private static JsonObject WalkIn(string idType = "resident-id", string idNumber = ResidentId, string phone = "13800138000", string name = "王五") => new()
    {
        ["name"] = name,
        ["idType"] = idType,
        ["idNumber"] = idNumber,
        ["phone"] = phone,
    };

    private static MultipartFormDataContent Submission(JsonObject applicant, JsonObject? form = null)
    {
        var application = BusinessOpening.Application(form);
        application["applicant"] = applicant;
        return BusinessOpening.Multipart(application);
    }

    private async Task<JsonElement> SubmitAsync(JsonObject? applicant = null)
    {
        using var window = Host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", Submission(applicant ?? WalkIn()));
        return await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task WindowStaffSubmit_TheReceiptHasTheTrackingNumberAndAQueryCode_AndTheAuditNamesStaffAndCitizen()
    {
        var receipt = await SubmitAsync();
        var application = receipt.GetProperty("application");
        var id = application.GetProperty("id").GetGuid();
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", receipt.GetProperty("queryCode").GetString()!);
        Assert.Equal("王五", receipt.GetProperty("applicantName").GetString());
        Assert.Equal("in-progress", application.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, application.GetProperty("dueAt").ValueKind);

        // The citizen's application, owned by no account: the staff member's own list stays empty, but window staff
        // follow it (to act for the citizen when they come back to the counter).
        var detail = await Host.GetJsonAsync("admin", $"/api/applications/{id}");
        Assert.Equal("王五", detail.GetProperty("applicantName").GetString());
        Assert.StartsWith("walk-in:", detail.GetProperty("applicantId").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await Host.GetJsonAsync("gsc-window", "/api/applications")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await Host.Client("gsc-window").GetAsync($"/api/applications/{id}")).StatusCode);

        var audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var submitted = Assert.Single(audit, e => e.GetProperty("type").GetString() == "ApplicationSubmitted");
        Assert.Equal("gsc-window", submitted.GetProperty("actor").GetString());
        var data = submitted.GetProperty("data");
        Assert.Equal("window", data.GetProperty("channel").GetString());
        Assert.Equal("王五", data.GetProperty("applicantName").GetString());
        Assert.Equal("resident-id", data.GetProperty("applicantIdType").GetString());
        Assert.Equal(ResidentId, data.GetProperty("applicantIdNumber").GetString());
        Assert.Equal("13800138000", data.GetProperty("applicantPhone").GetString());

        // The department sees it in its queue as any other application.
        await Host.TaskOfAsync(id);
    }

    [Fact]
    public async Task ACompanyWalksIn_WithItsUnifiedSocialCreditCode()
    {
        var receipt = await SubmitAsync(WalkIn("uscc", "91350100m000100y43", name: "福州闽江数字科技有限公司"));
        var id = receipt.GetProperty("application").GetProperty("id").GetGuid();
        var audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray();
        var data = audit.Single(e => e.GetProperty("type").GetString() == "ApplicationSubmitted").GetProperty("data");
        Assert.Equal("uscc", data.GetProperty("applicantIdType").GetString());
        Assert.Equal("91350100M000100Y43", data.GetProperty("applicantIdNumber").GetString());
    }

    [Theory]
    [InlineData("resident-id", "110105194912310021", "13800138000", "applicant.idNumber", "校验位")]
    [InlineData("resident-id", "1101051949123100", "13800138000", "applicant.idNumber", "18位")]
    [InlineData("uscc", "91350100M000100Y44", "13800138000", "applicant.idNumber", "校验位")]
    [InlineData("passport", "E12345678", "13800138000", "applicant.idType", "证件类型")]
    [InlineData("resident-id", ResidentId, "12345", "applicant.phone", "手机号码")]
    [InlineData("resident-id", ResidentId, "", "applicant.phone", "联系电话")]
    public async Task ABadApplicantBlock_IsRefusedAtItsField_AndNothingIsSubmitted(string idType, string idNumber, string phone, string field, string says)
    {
        using var window = Host.Client("gsc-window");
        var before = await Host.ScalarAsync("SELECT COUNT(*) FROM applications");
        using var response = await window.PostAsync("/api/window/applications", Submission(WalkIn(idType, idNumber, phone)));
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(says, ProblemAssert.FieldError(problem, field), StringComparison.Ordinal);
        Assert.Equal(before, await Host.ScalarAsync("SELECT COUNT(*) FROM applications"));
    }

    [Fact]
    public async Task AMissingNameAndABadFormField_AreBothReported_InEnglishWhenAsked()
    {
        using var window = Host.Client("gsc-window");
        var form = BusinessOpening.Form();
        form["contactPhone"] = "123";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/window/applications") { Content = Submission(WalkIn(name: " "), form) };
        request.Headers.Add("Accept-Language", "en");
        var problem = await ProblemAssert.IsAsync(await window.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Contains("name", ProblemAssert.FieldError(problem, "applicant.name"), StringComparison.Ordinal);
        Assert.Contains("mobile", ProblemAssert.FieldError(problem, "form.contactPhone"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApplicantsOwnChecksStillHold_AtTheWindow()
    {
        using var window = Host.Client("gsc-window");
        var form = BusinessOpening.Form();
        form["legalRepId"] = "110105194912310021";
        using var response = await window.PostAsync("/api/window/applications", Submission(WalkIn(), form));
        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        ProblemAssert.FieldError(problem, "form.legalRepId");
    }

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("samr-clerk")]
    [InlineData("gsc-supervisor")]
    [InlineData("admin")]
    public async Task OnlyWindowStaffSubmitAtTheWindow(string user)
    {
        using var client = Host.Client(user);
        using var response = await client.PostAsync("/api/window/applications", Submission(WalkIn()));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var anonymous = Host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/window/applications", Submission(WalkIn()))).StatusCode);
    }

    [Fact]
    public async Task TheCitizenFollowsItWithTheCode_AndAWrongCodeReadsAsAnUnknownNumber()
    {
        var receipt = await SubmitAsync();
        var number = receipt.GetProperty("application").GetProperty("trackingNumber").GetString()!;
        var code = receipt.GetProperty("queryCode").GetString()!;
        using var citizen = Host.Client();

        // Typed as people type from paper: lower case, without the hyphen.
        using var found = await citizen.PostAsJsonAsync("/api/public/track", new { trackingNumber = number.ToLowerInvariant(), queryCode = code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() });
        var progress = await ProblemAssert.JsonAsync(found, HttpStatusCode.OK);
        Assert.Equal(number, progress.GetProperty("trackingNumber").GetString());
        Assert.Equal("in-progress", progress.GetProperty("status").GetString());
        var steps = progress.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Contains(steps, s => s.GetProperty("departmentName").GetString() is { Length: > 0 } && s.GetProperty("dueAt").ValueKind != JsonValueKind.Null);
        var text = progress.GetRawText();
        Assert.DoesNotContain("福州闽江数字科技有限公司", text, StringComparison.Ordinal);
        Assert.DoesNotContain("王五", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ResidentId, text, StringComparison.Ordinal);

        var wrongCode = code[..^1] + (code[^1] == '2' ? '3' : '2');
        using var wrong = await citizen.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = wrongCode });
        using var unknown = await citizen.PostAsJsonAsync("/api/public/track", new { trackingNumber = "YB20990101-AAAAAAAA", queryCode = code });
        var wrongProblem = await ProblemAssert.IsAsync(wrong, HttpStatusCode.NotFound);
        var unknownProblem = await ProblemAssert.IsAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(unknownProblem.GetProperty("detail").GetString(), wrongProblem.GetProperty("detail").GetString());

        // An application made online has no code: it cannot be read this way at all.
        var online = await Host.GetJsonAsync("zhangsan", $"/api/applications/{await Host.SubmitBusinessOpeningAsync()}");
        using var noCode = await citizen.PostAsJsonAsync("/api/public/track", new { trackingNumber = online.GetProperty("trackingNumber").GetString(), queryCode = code });
        Assert.Equal(HttpStatusCode.NotFound, noCode.StatusCode);
    }

    [Fact]
    public async Task GuessingCodes_IsRateLimited_AsConfigured()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--RateLimits:Lookups:TokenLimit=3", "--RateLimits:Lookups:TokensPerPeriod=1", "--RateLimits:Lookups:ReplenishmentPeriod=00:10:00"]);
        using var guesser = host.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await guesser.PostAsJsonAsync("/api/public/track", new { trackingNumber = "YB20260302-AAAAAAAB", queryCode = $"AAAA-AAA{i}" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }
}
