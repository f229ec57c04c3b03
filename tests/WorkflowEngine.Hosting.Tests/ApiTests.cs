using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>What callers get back from the REST API, good requests and bad.</summary>
[Trait("Category", "Integration")]
public sealed class ApiTests : IAsyncLifetime
{
    private AllInOneHost _host = null!;

    public async Task InitializeAsync() => _host = await AllInOneHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string FieldError(JsonElement problem, string field) =>
        string.Join(" | ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    [Fact]
    public async Task MalformedJson_Is400_SayingWhere()
    {
        using var client = _host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", new StringContent("{\"serviceId\": \"business-opening\", \"form\": {", Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("不是合法的 JSON", FieldError(problem, "body"));
    }

    [Fact]
    public async Task InvalidForm_Is400_ListingEachField_AndStoresNothing()
    {
        using var client = _host.Client("zhangsan");
        var form = BusinessOpening.Form();
        form["legalRepId"] = "110105194912310021";
        form["contactPhone"] = "12345";
        form.Remove("companyName");

        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart(BusinessOpening.Application(form)));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("校验位错误", FieldError(problem, "form.legalRepId"));
        Assert.Contains("手机号码", FieldError(problem, "form.contactPhone"));
        Assert.Contains("必填", FieldError(problem, "form.companyName"));
        Assert.Equal(0, (await _host.GetJsonAsync("zhangsan", "/api/applications")).GetArrayLength());
    }

    [Fact]
    public async Task UnknownService_Is404()
    {
        using var client = _host.Client("zhangsan");

        using var response = await client.PostAsJsonAsync("/api/applications", new { serviceId = "no-such-service", form = new { } });

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("no-such-service", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task OversizedUpload_Is413_AndNothingIsStored()
    {
        using var client = _host.Client("zhangsan");
        var big = new byte[21 * 1024 * 1024];
        "%PDF-"u8.CopyTo(big);

        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart(null, ("articles", "章程.pdf", big), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)));

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("20 MB", FieldError(problem, "materials.articles"));
        Assert.Equal(0, (await _host.GetJsonAsync("zhangsan", "/api/applications")).GetArrayLength());
    }

    [Fact]
    public async Task WrongFileFormat_AndUnknownMaterial_Are400()
    {
        using var client = _host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart(
            null,
            ("articles", "章程.exe", BusinessOpening.Pdf),
            ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf),
            ("selfie", "me.jpg", BusinessOpening.Pdf)));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("不接受“.exe”", FieldError(problem, "materials.articles"));
        Assert.Contains("材料清单中没有“selfie”", FieldError(problem, "materials.selfie"));
    }

    [Fact]
    public async Task JsonSubmission_WaitsForRequiredMaterials_ThenStartsWhenTheyArrive()
    {
        using var client = _host.Client("zhangsan");

        using var response = await client.PostAsJsonAsync("/api/applications", BusinessOpening.Application());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("awaiting-materials", created.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("dueAt").ValueKind);
        var id = created.GetProperty("id").GetString();

        var upload = new MultipartFormDataContent();
        foreach (var key in new[] { "articles", "legalRepIdCopy" })
        {
            upload.Add(new ByteArrayContent(BusinessOpening.Pdf), key, key + ".pdf");
        }

        using var attached = await client.PostAsync($"/api/applications/{id}/materials", upload);
        Assert.Equal(HttpStatusCode.OK, attached.StatusCode);
        Assert.Equal("in-progress", (await attached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var tasks = await AllInOneHost.EventuallyAsync(
            () => _host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"),
            t => t.GetArrayLength() == 1,
            "the licence task");
        Assert.Equal("business-licence", tasks[0].GetProperty("stepId").GetString());

        // The clerk sees the whole application, with the uploaded materials to download.
        var detail = await _host.GetJsonAsync("samr-clerk", $"/api/tasks/{tasks[0].GetProperty("id").GetString()}");
        var application = detail.GetProperty("application");
        Assert.Equal(created.GetProperty("trackingNumber").GetString(), application.GetProperty("trackingNumber").GetString());
        Assert.Equal("福州闽江数字科技有限公司", application.GetProperty("form").GetProperty("companyName").GetString());
        var material = application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles");
        using var clerk = _host.Client("samr-clerk");
        // A clerk downloads the files of a step once the task is theirs.
        (await clerk.PostAsync($"/api/tasks/{tasks[0].GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        var bytes = await clerk.GetByteArrayAsync(material.GetProperty("download").GetString());
        Assert.Equal(BusinessOpening.Pdf, bytes);
    }

    [Fact]
    public async Task Identity_IsRequired_AndRolesAreEnforced()
    {
        using var anonymous = _host.Client();
        using var clerk = _host.Client("tax-clerk");

        await ProblemAsync(await anonymous.PostAsJsonAsync("/api/applications", BusinessOpening.Application()), HttpStatusCode.Unauthorized);
        await ProblemAsync(await clerk.PostAsJsonAsync("/api/applications", BusinessOpening.Application()), HttpStatusCode.Forbidden);
        await ProblemAsync(await clerk.GetAsync("/api/departments/SAMR/tasks"), HttpStatusCode.Forbidden);
        await ProblemAsync(await clerk.GetAsync("/api/definitions"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/services")).StatusCode);
    }

    [Fact]
    public async Task AnotherApplicant_IsToldTheApplicationDoesNotExist()
    {
        using var citizen = _host.Client("zhangsan");
        using var other = _host.Client("lisi");
        var id = (await (await citizen.PostAsJsonAsync("/api/applications", BusinessOpening.Application())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await ProblemAsync(await other.GetAsync($"/api/applications/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync($"/api/applications/{id}")).StatusCode);
    }

    [Fact]
    public async Task Application_IsFoundByItsTrackingNumber()
    {
        using var citizen = _host.Client("zhangsan");
        var created = await (await citizen.PostAsJsonAsync("/api/applications", BusinessOpening.Application())).Content.ReadFromJsonAsync<JsonElement>();
        var number = created.GetProperty("trackingNumber").GetString()!;

        var found = await _host.GetJsonAsync("zhangsan", $"/api/applications/tracking/{number.ToLowerInvariant()}");

        Assert.Equal(created.GetProperty("id").GetString(), found.GetProperty("id").GetString());
        await ProblemAsync(await citizen.GetAsync("/api/applications/tracking/YB20260302-NOTHERE2"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ClerkDecisions_AreChecked()
    {
        using var citizen = _host.Client("zhangsan");
        await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
        var task = (await AllInOneHost.EventuallyAsync(
            () => _host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"),
            t => t.GetArrayLength() == 1,
            "the licence task"))[0];
        var path = $"/api/tasks/{task.GetProperty("id").GetString()}";
        using var clerk = _host.Client("samr-clerk");
        using var other = _host.Client("samr-clerk-2");

        var unclaimed = await ProblemAsync(await clerk.PostAsJsonAsync(path + "/complete", new { outcome = "approved" }), HttpStatusCode.Conflict);
        Assert.Contains("请先认领", unclaimed.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsync(path + "/claim", null)).StatusCode);
        var taken = await ProblemAsync(await clerk.PostAsync(path + "/claim", null), HttpStatusCode.Conflict);
        Assert.Contains("“市场监管窗口二号”", taken.GetProperty("detail").GetString());

        var noReason = await ProblemAsync(await other.PostAsJsonAsync(path + "/complete", new { outcome = "rejected" }), HttpStatusCode.BadRequest);
        Assert.Contains("理由", FieldError(noReason, "reason"));
        var badOutcome = await ProblemAsync(await other.PostAsJsonAsync(path + "/complete", new { outcome = "maybe" }), HttpStatusCode.BadRequest);
        Assert.Contains("approved", FieldError(badOutcome, "outcome"));
    }

    /// <summary>
    /// Separation of duties (issue 11): an administrator may look at a department's tasks but decides none of them —
    /// no claim, release, decision, supplement request, excluded period or extension. Before the fix an administrator
    /// could claim and decide any department's task.
    /// </summary>
    [Fact]
    public async Task Bug_11_AnAdministrator_DecidesNoDepartmentTask()
    {
        using var citizen = _host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var path = $"/api/tasks/{(await _host.TaskOfAsync(id)).GetProperty("id").GetString()}";
        using var admin = _host.Client("admin");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(path)).StatusCode);
        foreach (var (action, body) in new (string, object?)[]
                 {
                     ("/claim", null),
                     ("/release", null),
                     ("/complete", new { outcome = "approved" }),
                     ("/supplements", new { items = new[] { new { material = "articles", reason = "缺页" } } }),
                     ("/exclusions", new { kind = "hearing", reason = "听证" }),
                     ("/extensions", new { workingDays = 1, reason = "核查" }),
                 })
        {
            using var response = body is null ? await admin.PostAsync(path + action, null) : await admin.PostAsJsonAsync(path + action, body);
            var problem = await ProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Contains("职责分离", problem.GetProperty("detail").GetString());
        }

        var task = (await _host.GetJsonAsync("samr-clerk", path)).GetProperty("task");
        Assert.Equal("open", task.GetProperty("status").GetString());

        // The desk page shows the administrator the task and says why there is nothing to press.
        var html = await admin.GetStringAsync(path.Replace("/api/tasks/", "/desk/tasks/", StringComparison.Ordinal));
        Assert.Contains("职责分离", html, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Claim", html, StringComparison.Ordinal);
        var clerkHtml = await _host.Client("samr-clerk").GetStringAsync(path.Replace("/api/tasks/", "/desk/tasks/", StringComparison.Ordinal));
        Assert.Contains("handler=Claim", clerkHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Definitions_AreValidatedStoredAsDraftsAndPublished()
    {
        using var admin = _host.Client("admin");
        const string yaml = """
            id: talent-employment
            title: 人才就业一件事
            timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
            form:
              - { key: name, label: 姓名, type: text, required: true }
            flow:
              - { id: registration, activity: department-task, title: 就业登记, department: HRSS, limit: { workingDays: 3 } }
            """;

        var syntax = await ProblemAsync(await admin.PostAsync("/api/definitions", new StringContent("id: x\ntitle: [oops\n", Encoding.UTF8, "application/yaml")), HttpStatusCode.BadRequest);
        Assert.True(syntax.GetProperty("errors")[0].GetProperty("line").GetInt32() >= 2);

        using var broken = await admin.PostAsync("/api/definitions", new StringContent(yaml.Replace("department: HRSS", "department: MARS"), Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.Created, broken.StatusCode);
        var draft = await broken.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(draft.GetProperty("valid").GetBoolean());
        var error = draft.GetProperty("errors")[0];
        Assert.Equal("flow[0].department", error.GetProperty("path").GetString());
        Assert.Equal(7, error.GetProperty("line").GetInt32());

        var refused = await ProblemAsync(await admin.PostAsync("/api/definitions/talent-employment/publish", null), HttpStatusCode.BadRequest);
        Assert.Contains("MARS", refused.GetProperty("errors")[0].GetProperty("message").GetString());

        using var fixedDraft = await admin.PostAsync("/api/definitions", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var saved = await fixedDraft.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(saved.GetProperty("valid").GetBoolean());
        Assert.Equal(1, saved.GetProperty("version").GetInt32());

        using var published = await admin.PostAsync("/api/definitions/talent-employment/publish", null);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await ProblemAsync(await admin.PostAsync("/api/definitions/talent-employment/publish?version=1", null), HttpStatusCode.Conflict);
        Assert.Contains(
            (await _host.GetJsonAsync("zhangsan", "/api/services")).EnumerateArray(),
            s => s.GetProperty("id").GetString() == "talent-employment");

        using var next = await admin.PostAsync("/api/definitions", new StringContent(yaml.Replace("就业登记", "就业登记（新版）"), Encoding.UTF8, "application/yaml"));
        Assert.Equal(2, (await next.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Calendar_AnswersDueTimesAndDays()
    {
        var due = await _host.GetJsonAsync("zhangsan", "/api/calendars/cn-mainland/due?from=2026-02-13T10:00:00%2B08:00&workingDays=3");
        Assert.Equal("2026-02-25T17:30:00+08:00", due.GetProperty("due").GetString());
        var hours = await _host.GetJsonAsync("zhangsan", "/api/calendars/cn-mainland/due?from=2026-02-13T02:00:00Z&workingHours=8");
        Assert.Equal("2026-02-14T11:00:00+08:00", hours.GetProperty("due").GetString());

        var days = await _host.GetJsonAsync("zhangsan", "/api/calendars/cn-mainland/days?from=2026-02-13&to=2026-02-16");
        Assert.Equal(
            ["workday", "makeup-workday", "holiday", "holiday"],
            days.EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal("春节", days[1].GetProperty("name").GetString());

        using var client = _host.Client();
        var bad = await ProblemAsync(await client.GetAsync("/api/calendars/cn-mainland/due?from=yesterday&workingDays=2&workingHours=3"), HttpStatusCode.BadRequest);
        Assert.Contains("ISO 8601", FieldError(bad, "from"));
        Assert.Contains("其中之一", FieldError(bad, "limit"));
        await ProblemAsync(await client.GetAsync("/api/calendars/mars/days?from=2026-01-01&to=2026-01-02"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task HealthAndOpenApi_AreServed()
    {
        using var client = _host.Client();

        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/applications", openApi);
        Assert.Contains("/api/tasks/{id}/complete", openApi);
    }

    [Fact]
    public async Task ServiceNotice_ListsEveryStepWithItsDepartmentAndCondition()
    {
        var service = await _host.GetJsonAsync("zhangsan", "/api/services/business-opening");

        var bank = service.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "bank-account");
        Assert.Equal("BANK", bank.GetProperty("department").GetString());
        Assert.Equal("openBankAccount == true", bank.GetProperty("when").GetString());
        Assert.Equal("3 个工作小时", bank.GetProperty("limit").GetString());
        var field = service.GetProperty("form").EnumerateArray().Single(f => f.GetProperty("key").GetString() == "legalRepId");
        Assert.Equal("cn-resident-id", field.GetProperty("type").GetString());
    }
}
