using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Requests written to break the API: oversized, malformed, nested ten thousand deep, and Unicode tricks (lone
/// surrogates, overlong UTF-8, U+202E, NUL, a BOM, full-width digits). Whatever comes in, the answer is never a 5xx,
/// every refusal is a problem document, and the host still answers afterwards.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    private const string App = "{app}";

    private sealed record Hostile(string Method, string Path, string? User, Func<HttpContent?> Body);

    private static readonly byte[] ValidApplication = Encoding.UTF8.GetBytes(BusinessOpening.Application().ToJsonString());

    private static HttpContent Bytes(byte[] body, string? contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static HttpContent Text(string body, string contentType = "application/json") => Bytes(Encoding.UTF8.GetBytes(body), contentType);

    private static string Form(string fields) => "{\"serviceId\":\"business-opening\",\"form\":{" + fields + "}}";

    private static HttpContent Multipart(params byte[][] parts) => RawMultipart.Content([.. parts, RawMultipart.End]);

    private static readonly Dictionary<string, Func<HttpContent?>> JsonBodies = new()
    {
        ["empty"] = () => Bytes([]),
        ["null"] = () => Text("null"),
        ["array"] = () => Text("[]"),
        ["string"] = () => Text("\"business-opening\""),
        ["truncated"] = () => Text("{\"serviceId\":\"business-opening\",\"form\":{\"companyName\":\"福"),
        ["arrays 10,000 deep"] = () => Text(new string('[', 10_000) + new string(']', 10_000)),
        ["objects 10,000 deep"] = () => Text(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)),
        ["form 10,000 deep"] = () => Text(Form("\"companyName\":" + new string('[', 10_000) + new string(']', 10_000))),
        ["one megabyte"] = () => Text(Form($"\"businessScope\":\"{new string('x', 1024 * 1024)}\"")),
        ["twenty thousand keys"] = () => Text(Form(string.Join(",", Enumerable.Range(0, 20_000).Select(i => $"\"k{i}\":{i}")))),
        ["a key of 200 KB"] = () => Text(Form($"\"{new string('k', 200_000)}\":1")),
        ["duplicate keys"] = () => Text("""{"serviceId":"business-opening","serviceId":"x"}"""),
        ["lone surrogate"] = () => Text("""{"serviceId":"\ud800"}"""),
        ["lone surrogate in a key"] = () => Text(Form("\"\\udc00\":1")),
        ["surrogate pair reversed"] = () => Text(Form("\"companyName\":\"\\udc00\\ud800\"")),
        ["overlong UTF-8"] = () => Bytes([.. "{\"serviceId\":\""u8, 0xC0, 0xAF, .. "\"}"u8]),
        ["UTF-8 surrogate bytes"] = () => Bytes([.. "{\"serviceId\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]),
        ["raw invalid bytes"] = () => Bytes([0xFF, 0xFE, 0xFD, 0x00, 0x7B]),
        ["UTF-16 body"] = () => Bytes(Encoding.Unicode.GetBytes("{\"serviceId\":\"business-opening\"}"), "application/json; charset=utf-16"),
        ["right-to-left override"] = () => Text(Form("\"companyName\":\"福州\u202Eexe.pdf\"")),
        ["escaped NUL"] = () => Text(Form("\"companyName\":\"福州\\u0000公司\"")),
        ["raw NUL byte"] = () => Bytes([.. "{\"serviceId\":\"business"u8, 0x00, .. "opening\"}"u8]),
        ["BOM first"] = () => Bytes([0xEF, 0xBB, 0xBF, .. ValidApplication]),
        ["BOM in the middle"] = () => Text(Form("\"companyName\":\"福州\uFEFF公司\"")),
        ["full-width digits as a number"] = () => Text(Form("\"registeredCapital\":１０００")),
        ["full-width digits as text"] = () => Text(Form("\"registeredCapital\":\"１０００\",\"contactPhone\":\"１３８００１３８０００\"")),
        ["huge exponent"] = () => Text(Form("\"registeredCapital\":1e400,\"employeeCount\":-1e-400")),
        ["ten thousand digits"] = () => Text(Form($"\"registeredCapital\":{new string('9', 10_000)}")),
        ["wrong types"] = () => Text("""{"serviceId":["business-opening"],"form":"x"}"""),
        ["form of wrong types"] = () => Text(Form("\"companyName\":{},\"registeredCapital\":\"x\",\"openBankAccount\":\"yes\",\"employeeCount\":[1]")),
        ["no content type"] = () => Bytes(ValidApplication, null),
    };

    private static readonly Dictionary<string, Func<HttpContent?>> MultipartBodies = new()
    {
        ["no closing boundary"] = () => RawMultipart.Content(RawMultipart.Field("application", ValidApplication)),
        ["random bytes"] = () => RawMultipart.Content(Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251)).ToArray()),
        ["no boundary parameter"] = () => Bytes(RawMultipart.Field("application", ValidApplication), "multipart/form-data"),
        ["a boundary of 500 characters"] = () => RawMultipart.Content(RawMultipart.Field("application", ValidApplication), new string('b', 500)),
        ["an application field of 1 MB"] = () => Multipart(RawMultipart.Field("application", Encoding.UTF8.GetBytes(Form($"\"businessScope\":\"{new string('x', 1024 * 1024)}\"")))),
        ["invalid UTF-8 in the field"] = () => Multipart(RawMultipart.Field("application", [.. ValidApplication[..^2], 0xC0, 0xAF, .. "}}"u8])),
        ["NUL in a file name"] = () => Multipart(RawMultipart.Field("application", ValidApplication), RawMultipart.File("articles", "a\0b.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf)),
        ["invalid UTF-8 in a file name"] = () => Multipart(RawMultipart.Field("application", ValidApplication), RawMultipart.File("articles", [0xC0, 0xAF, .. ".pdf"u8], "application/pdf", BusinessOpening.Pdf)),
        ["right-to-left override in a file name"] = () => Multipart(RawMultipart.Field("application", ValidApplication), RawMultipart.File("articles", Encoding.UTF8.GetBytes("章程\u202Efdp.exe"), "application/pdf", BusinessOpening.Pdf)),
        ["a file name of 10,000 characters"] = () => Multipart(RawMultipart.Field("application", ValidApplication), RawMultipart.File("articles", Encoding.UTF8.GetBytes(new string('a', 10_000) + ".pdf"), "application/pdf", BusinessOpening.Pdf)),
        ["two thousand files"] = () => Multipart([RawMultipart.Field("application", ValidApplication), .. Enumerable.Range(0, 2000).Select(i => RawMultipart.File("f" + i, "a.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf))]),
        ["a PDF that is not one"] = () => Multipart(RawMultipart.Field("application", ValidApplication), RawMultipart.File("articles", "章程.pdf"u8.ToArray(), "application/pdf", "MZ\x90\0"u8.ToArray())),
        ["an empty file"] = () => Multipart(RawMultipart.Field("application", ValidApplication), RawMultipart.File("articles", "章程.pdf"u8.ToArray(), "application/pdf", [])),
        ["a URL-encoded form"] = () => new FormUrlEncodedContent([new("application", Encoding.UTF8.GetString(ValidApplication))]),
    };

    private static readonly Dictionary<string, Func<HttpContent?>> DefinitionBodies = new()
    {
        ["empty"] = () => Bytes([], "application/yaml"),
        ["flow 100,000 deep"] = () => Text(new string('[', 100_000) + new string(']', 100_000), "application/yaml"),
        ["mappings 10,000 deep"] = () => Text(string.Concat(Enumerable.Repeat("{a: ", 10_000)) + "1" + new string('}', 10_000), "application/yaml"),
        ["alias bomb"] = () => Text(
            "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" +
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n" +
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\n",
            "application/yaml"),
        ["invalid UTF-8"] = () => Bytes([.. "id: "u8, 0xFF, 0xC0, 0xAF], "application/yaml"),
        ["NUL and control characters"] = () => Text("id: a\u0000b\ntitle: \u0007\u001b[31m\n", "application/yaml"),
        ["two megabytes"] = () => Text("id: x\n# " + new string('x', 2 * 1024 * 1024), "application/yaml"),
        ["tabs and a BOM"] = () => Bytes([0xEF, 0xBB, 0xBF, .. "id:\t x\n\ttitle: y\n"u8], "text/yaml"),
        ["JSON with a lone surrogate"] = () => Text("""{"id":"\ud800"}"""),
        ["many documents"] = () => Text(string.Concat(Enumerable.Repeat("---\nid: x\n", 5000)), "application/yaml"),
        ["a URL-encoded form"] = () => Text("id=x&title=y", "application/x-www-form-urlencoded"),
    };

    private static readonly Dictionary<string, Hostile> Cases = Build();

    private static Dictionary<string, Hostile> Build()
    {
        var cases = new Dictionary<string, Hostile>();
        foreach (var (name, body) in JsonBodies)
        {
            cases[$"submit JSON: {name}"] = new("POST", "/api/applications", "zhangsan", body);
            cases[$"decide: {name}"] = new("POST", "/api/tasks/00000000-0000-7000-8000-000000000001/complete", "admin", body);
            cases[$"token: {name}"] = new("POST", "/api/auth/token", null, body);
        }

        foreach (var (name, body) in MultipartBodies)
        {
            cases[$"submit multipart: {name}"] = new("POST", "/api/applications", "zhangsan", body);
            cases[$"upload: {name}"] = new("POST", $"/api/applications/{App}/materials", "zhangsan", body);
        }

        foreach (var (name, body) in DefinitionBodies)
        {
            cases[$"draft: {name}"] = new("POST", "/api/definitions", "admin", body);
            cases[$"validate: {name}"] = new("POST", "/api/definitions/validate", "admin", body);
        }

        string[] paths =
        [
            "/api/calendars/cn-mainland/due?from=９９９９-01-01T00:00:00Z&workingDays=1",
            "/api/calendars/cn-mainland/due?from=2026-03-02T09:00:00%2B08:00&workingDays=１",
            "/api/calendars/cn-mainland/due?from=2026-03-02T09:00:00%2B08:00&workingDays=1e400",
            "/api/calendars/cn-mainland/due?from=2026-03-02T09:00:00%2B08:00&workingDays=-1",
            "/api/calendars/cn-mainland/due?from=2026-03-02T09:00:00%2B08:00&workingDays=79228162514264337593543950335",
            "/api/calendars/cn-mainland/due?from=2026-03-02T09:00:00%2B08:00&workingHours=0.0000000000000000000000000001",
            "/api/calendars/cn-mainland/due?from=9999-12-31T23:59:59-14:00&workingHours=1",
            "/api/calendars/cn-mainland/due?from=0001-01-01T00:00:00%2B14:00&workingHours=1",
            "/api/calendars/cn-mainland/due?from=%00&workingDays=1",
            "/api/calendars/cn-mainland/days?from=0001-01-01&to=9999-12-31",
            "/api/calendars/cn-mainland/days?from=2026-01-01&to=2026-01-0%E2%80%AE1",
            "/api/calendars/%E2%80%AEcn-mainland/days?from=2026-01-01&to=2026-01-02",
            "/api/services/" + new string('s', 4000),
            "/api/applications/tracking/%ED%A0%80",
            "/api/applications/tracking/%0A%0D%09",
            "/api/applications/tracking/ＹＢ２０２６",
            "/api/applications?limit=99999999999&offset=-5",
            "/api/applications?limit=abc",
            "/api/applications/not-a-guid",
            $"/api/applications/{App}/materials/00000000-0000-0000-0000-000000000000",
            "/api/applications/00000000-0000-0000-0000-000000000000/clocks",
            "/api/departments/%C0%AF/tasks",
            "/api/departments/%C0%AF/warnings?level=%00",
            "/api/departments/SAMR/warnings?level=" + new string('r', 5000),
            "/api/departments/SAMR/tasks?status=%00&limit=-1",
            "/api/definitions/x/versions/99999999999",
            "/api/tasks/00000000-0000-0000-0000-000000000000",
            .. DuePreviewQueries.Select(q => DuePreview + q),
        ];
        foreach (var path in paths)
        {
            var user = path.Contains("/warnings", StringComparison.Ordinal) ? "samr-supervisor"
                : path.Contains("/tasks", StringComparison.Ordinal) ? "samr-clerk"
                : path.Contains("definitions", StringComparison.Ordinal) ? "admin" : "zhangsan";
            cases[$"GET {path}"] = new("GET", path, user, () => null);
        }

        foreach (var query in new[]
                 {
                     "from=0001-01&to=9999-12", "from=1900-12", "from=2199-12", "from=%00", "from=2026-0%E2%80%AE1", "by=" + new string(',', 4000),
                     "by=month&by=department", "format=csv&table=" + new string('t', 2000), "from=2026-01&to=2026-01&format=csv&table=open",
                 })
        {
            cases[$"statistics ?{query[..Math.Min(query.Length, 40)]}"] = new("GET", "/api/statistics/compliance?" + query, "admin", () => null);
        }

        cases["unknown demo user"] = new("GET", "/api/applications", "no-such-user", () => null);
        cases["demo user of 8 KB"] = new("GET", "/api/applications", new string('u', 8 * 1024), () => null);
        cases["publish with a body"] = new("POST", "/api/definitions/business-opening/publish?version=-1", "admin", () => Text("{\"x\":1}"));
        cases["claim with a body"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/claim", "samr-clerk", () => Bytes(new byte[512 * 1024], "application/octet-stream"));
        cases["exclusion of an unknown task"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/exclusions", "samr-clerk",
            () => Text("{\"kind\":\"hearing\",\"reason\":\"听证\",\"until\":\"9999-12-31T23:59:59-14:00\"}"));
        cases["exclusion end with a body"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/exclusions/end", "samr-clerk",
            () => Bytes(new byte[512 * 1024], "application/octet-stream"));
        cases["extension of an unknown task"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/extensions", "samr-clerk",
            () => Text("{\"workingDays\":1,\"reason\":\"核查\"}"));
        cases["extension of 10^30 working days"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/extensions", "samr-clerk",
            () => Text("{\"workingDays\":1e30,\"reason\":\"核查\"}"));
        cases["extension as a string"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/extensions", "samr-clerk",
            () => Text("{\"workingHours\":\"4\",\"reason\":[1]}"));
        cases["extensions of an unknown department"] = new("GET", "/api/departments/%E4%B8%AD%FF/extensions?status=pending&limit=-1&offset=99999999999", "samr-supervisor", () => null);
        cases["extensions with an odd status"] = new("GET", "/api/departments/SAMR/extensions?status=%27%3B%20DROP%20TABLE%20extension_requests", "samr-supervisor", () => null);
        cases["approval of an unknown extension"] = new("POST", "/api/extensions/00000000-0000-0000-0000-000000000000/approve", "samr-supervisor", () => Text("{}"));
        cases["refusal with a huge body"] = new("POST", "/api/extensions/00000000-0000-0000-0000-000000000000/refuse", "samr-supervisor",
            () => Bytes(new byte[512 * 1024], "application/octet-stream"));
        cases["refusal with a reason of the wrong type"] = new("POST", "/api/extensions/00000000-0000-0000-0000-000000000000/refuse", "samr-supervisor",
            () => Text("{\"reason\":{\"a\":1}}"));
        cases["supplement of an unknown task"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/supplements", "samr-clerk",
            () => Text("{\"items\":[{\"material\":\"articles\",\"reason\":\"缺页\"}]}"));
        cases["supplement with a null item and items of the wrong type"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/supplements", "samr-clerk",
            () => Text("{\"items\":[null,{\"material\":1,\"reason\":[\"x\"]}],\"note\":{}}"));
        cases["supplement with 20,000 items"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/supplements", "samr-clerk",
            () => Text("{\"items\":[" + string.Join(",", Enumerable.Repeat("{\"material\":\"articles\",\"reason\":\"x\"}", 20_000)) + "]}"));
        cases["notices of an unknown department"] = new("GET", "/api/departments/%E4%B8%AD%FF/notices?limit=-1&offset=99999999999", "samr-supervisor", () => null);
        cases["notices with paging past the end"] = new("GET", "/api/departments/SAMR/notices?limit=2147483647&offset=-5", "samr-supervisor", () => null);
        cases["release with a body"] = new("POST", "/api/tasks/00000000-0000-0000-0000-000000000000/release", "samr-clerk", () => Bytes(new byte[512 * 1024], "application/octet-stream"));
        foreach (var (name, userName) in new Dictionary<string, string>
                 {
                     ["a user name of 10,000 characters"] = new string('u', 10_000),
                     ["NUL in the user name"] = "admin\\u0000",
                     ["right-to-left override in the user name"] = "\u202Enimda",
                     ["lone surrogate in the user name"] = "\\ud800admin",
                     ["zero-width joiner in the user name"] = "ad\u200Dmin",
                 })
        {
            cases[$"token: {name}"] = new("POST", "/api/auth/token", null, () => Text($"{{\"userName\":\"{userName}\",\"password\":\"Demo#2026\"}}"));
        }

        cases["sign-ins of a hostile user"] = new("GET", "/api/admin/sign-ins?user=%E2%80%AE%00&limit=-5&offset=99999999999", "admin", () => null);
        return cases;
    }

    private const string DuePreview = "/api/definitions/business-opening/versions/1/due-preview?";

    /// <summary>Starts a due-date preview cannot count from: each is refused naming its field.</summary>
    private static (string Query, string Field)[] HostileStarts =>
    [
        ("start=garbage", "start"),
        ("start=%00", "start"),
        ("start=2026-02-30", "start"),
        ("start=2026-13-01", "start"),
        ("start=0001-01-01", "start"),
        ("start=1900-12-31", "start"),
        ("start=2200-01-01", "start"),
        ("start=9999-12-31", "start"),
        ("start=%2B2026-03-02", "start"),
        ("start=-2026-03-02", "start"),
        ("start=20260302", "start"),
        ("start=2026-3-2", "start"),
        ("start=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-03-02", "start"),
        ("start=%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A0%D9%A3-%D9%A0%D9%A2", "start"),
        ("start=2026-03-02T09:00:00%2B08:00", "start"),
        ("start=2026-03-02%2B08:00", "start"),
        ("start=2026-03-02Z", "start"),
        ("start=2026-0%E2%80%AE3-02", "start"),
        ("start=" + new string('9', 4000), "start"),
        ("at=25:00", "at"),
        ("at=24:00", "at"),
        ("at=09:60", "at"),
        ("at=9:30", "at"),
        ("at=09:30:00", "at"),
        ("at=09:30%2B08:00", "at"),
        ("at=09:30Z", "at"),
        ("at=%2B9:30", "at"),
        ("at=%EF%BC%90%EF%BC%99:30", "at"),
        ("at=%00", "at"),
        ("at=" + new string(':', 4000), "at"),
    ];

    private static IEnumerable<string> DuePreviewQueries =>
        HostileStarts.Select(s => s.Query).Concat(["start=1901-01-01&at=00:00", "start=2199-12-31&at=23:59", "start=1988-04-17&at=02:30", "start=2026-01-01&start=2026-01-02"]);

    public static TheoryData<string> Names => new(Cases.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string, string> DuePreviewStarts => Pairs(HostileStarts);

    private static TheoryData<string, string> Pairs((string Query, string Field)[] pairs)
    {
        var data = new TheoryData<string, string>();
        foreach (var (query, named) in pairs)
        {
            data.Add(query, named);
        }

        return data;
    }

    /// <summary>Filters the administrator's list of late clocks cannot take, each with the field it names.</summary>
    private static (string Query, string Field)[] HostileLateClockFilters =>
    [
        ("service=" + new string('s', 5000), "service"),
        ("service=business-opening" + new string('x', 100), "service"),
        ("service=business%E2%80%AEopening", "service"),
        ("service=business%E2%80%8Bopening", "service"),
        ("service=business-opening%00", "service"),
        ("service=%C0%AF", "service"),
        ("service=%ED%A0%80", "service"),
        ("service=%EF%BD%82usiness-opening", "service"),
        ("service=business-opening%27%3B%20DROP%20TABLE%20open_clocks", "service"),
        ("service=..%2F..%2Fetc", "service"),
        ("level=" + new string('r', 5000), "level"),
        ("level=red%00", "level"),
        ("level=r%E2%80%8Bed", "level"),
        ("level=%E2%80%AEder", "level"),
        ("level=%C0%AF", "level"),
        ("level=RED", "level"),
        ("limit=99999999999", "limit"),
        ("limit=-1", "limit"),
        ("offset=-5", "offset"),
        ("offset=%EF%BC%91", "offset"),
    ];

    public static TheoryData<string, string> LateClockFilters => Pairs(HostileLateClockFilters);

    /// <summary>
    /// An oversized, invisible, reversed or not even UTF-8 filter on the late clocks is a 400 naming the field, never a
    /// 500 and never an empty list that looks like an answer.
    /// </summary>
    [Theory]
    [MemberData(nameof(LateClockFilters))]
    public async Task LateClocks_WithAHostileFilter_Is400NamingTheField(string query, string field)
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.GetAsync("/api/admin/late-clocks?" + query);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var page = await admin.GetAsync("/admin/late-clocks?" + query);
        Assert.True((int)page.StatusCode < 500, $"the page answered {(int)page.StatusCode}");
    }

    /// <summary>
    /// A department's paused list asked for with a code no department has (unknown, reversed by U+202E, in full-width
    /// letters), not UTF-8 or overlong (400, refused before routing), with paging it cannot take, or by someone not the department's supervisor: a clear
    /// 4xx problem, never a 500 and never an empty list that looks like an answer.
    /// </summary>
    [Theory]
    [InlineData("NOPE", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("samr", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("SAMR%E2%80%AE", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("%E2%80%AERMAS", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("%EF%BC%B3%EF%BC%A1%EF%BC%AD%EF%BC%B2", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("SAMR%E2%80%8B", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("%C0%AF", "", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("%ED%A0%80", "", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR%27%3B%20DROP%20TABLE%20tasks", "", "samr-supervisor", HttpStatusCode.NotFound)]
    [InlineData("NOPE", "", "admin", HttpStatusCode.NotFound)]
    [InlineData("SAMR", "?limit=-1", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=0", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=501", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=99999999999", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=abc", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=1e3", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=%EF%BC%91", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?limit=%00", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?offset=-5", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?offset=99999999999", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "?offset=2.5", "samr-supervisor", HttpStatusCode.BadRequest)]
    [InlineData("SAMR", "", "psb-clerk", HttpStatusCode.Forbidden)]
    [InlineData("SAMR", "", "psb-supervisor", HttpStatusCode.Forbidden)]
    [InlineData("SAMR", "", "samr-clerk", HttpStatusCode.Forbidden)]
    [InlineData("SAMR", "", "zhangsan", HttpStatusCode.Forbidden)]
    [InlineData("SAMR", "", null, HttpStatusCode.Unauthorized)]
    [InlineData("NOPE", "?limit=-1", null, HttpStatusCode.Unauthorized)]
    public async Task PausedList_OfAHostileDepartmentOrPageOrUser_IsAClear4xx(string code, string query, string? user, HttpStatusCode expected)
    {
        using var client = fixture.Host.Client(user);

        using var response = await client.GetAsync($"/api/departments/{code}/paused{query}");

        if (expected == HttpStatusCode.Unauthorized)
        {
            // Refused before the API runs, by the authentication challenge.
            Assert.Equal(expected, response.StatusCode);
            return;
        }

        await ProblemAssert.IsAsync(response, expected);
    }

    /// <summary>A long code, as long as a request line may be, is no department either.</summary>
    [Fact]
    public async Task PausedList_OfACodeOf4000Characters_Is404()
    {
        using var supervisor = fixture.Host.Client("samr-supervisor");

        using var response = await supervisor.GetAsync($"/api/departments/{new string('S', 4000)}/paused");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound);
    }

    /// <summary>A start a due-date preview cannot count from is a 400 naming the field, never a date nobody wrote.</summary>
    [Theory]
    [MemberData(nameof(DuePreviewStarts))]
    public async Task DuePreview_WithAHostileStart_Is400NamingTheField(string query, string field)
    {
        using var admin = fixture.Host.Client("admin");

        using var response = await admin.GetAsync(DuePreview + query);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    /// <summary>
    /// The edges of what a preview counts from are answered, not refused: the first and last day of the range (the
    /// last far past any loaded calendar, so provisional), and a time inside a daylight-saving gap of the 1980s.
    /// </summary>
    [Theory]
    [InlineData("start=1901-01-01&at=00:00", "1901-01-01T00:00:00+08:00")]
    [InlineData("start=2199-12-31&at=23:59", "2199-12-31T23:59:00+08:00")]
    [InlineData("start=%202026-03-02%20&at=%2009:30%20", "2026-03-02T09:30:00+08:00")]
    public async Task DuePreview_AtTheEdgesOfItsRange_CountsFromTheDayAsked(string query, string start)
    {
        using var admin = fixture.Host.Client("admin");

        var preview = await ProblemAssert.JsonAsync(await admin.GetAsync(DuePreview + query), HttpStatusCode.OK);

        Assert.Equal(start, preview.GetProperty("start").GetString());
    }

    /// <summary>Whatever text comes as the start date and time, the preview answers it or refuses it, never with a 5xx.</summary>
    [Fact]
    public async Task DuePreview_WithRandomStartsAndTimes_IsNeverA5xx()
    {
        using var admin = fixture.Host.Client("admin");
        var digits = Gen.Char['0', '9'];
        var date = Gen.Select(Gen.Int[0, 9999], Gen.Int[0, 13], Gen.Int[0, 32]).Select(t => FormattableString.Invariant($"{t.Item1:D4}-{t.Item2:D2}-{t.Item3:D2}"));
        var time = Gen.Select(Gen.Int[0, 25], Gen.Int[0, 61]).Select(t => FormattableString.Invariant($"{t.Item1:D2}:{t.Item2:D2}"));
        // Any character (lone surrogates, NUL, controls), Arabic-Indic and full-width digits, and digits and separators in any order.
        var noise = Gen.OneOf(
            Gen.Char.Array[0, 40],
            Gen.Char.AlphaNumeric.Array[0, 12],
            Gen.Char['\u0660', '\u0669'].Array[0, 10],
            Gen.Char['\uFF10', '\uFF19'].Array[0, 10],
            Gen.OneOf(digits, Gen.Const('-'), Gen.Const(':'), Gen.Const('+'), Gen.Const('T'), Gen.Const('Z'), Gen.Const(' ')).Array[0, 20]).Select(c => new string(c));
        var text = Gen.OneOf(date, time, noise, Gen.Const(""), Gen.Const((string?)null));

        await Gen.Select(text, text).SampleAsync(
            async pair =>
            {
                // Every byte of the text's UTF-8 percent-encoded: the host gets exactly the text (a lone surrogate as U+FFFD).
                var query = string.Join("&", new[] { ("start", pair.Item1), ("at", pair.Item2) }
                    .Where(p => p.Item2 is not null)
                    .Select(p => p.Item1 + "=" + string.Concat(Encoding.UTF8.GetBytes(p.Item2!).Select(b => $"%{b:X2}"))));
                using var response = await admin.GetAsync(DuePreview + query);
                var body = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"?{query} answered {(int)response.StatusCode}: {body}");
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"?{query} answered {(int)response.StatusCode}");
            },
            iter: 300);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileRequest_IsNeverA5xx_AndEveryRefusalIsAProblem(string name)
    {
        var hostile = Cases[name];
        using var client = fixture.Host.Client();
        if (hostile.User is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("X-Demo-User", hostile.User);
        }

        using var request = new HttpRequestMessage(new HttpMethod(hostile.Method), hostile.Path.Replace(App, fixture.ApplicationId, StringComparison.Ordinal)) { Content = hostile.Body() };
        // As curl does for a large body: the server may refuse it (413) before it is sent. Without this the server's
        // early answer can close the connection while the client is still writing, and the client never reads it.
        request.Headers.ExpectContinue = request.Content is not null;

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {body}");
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonSerializer.Deserialize<JsonElement>(body);
            Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        }

        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    /// <summary>
    /// A NUL in the path is refused by the server itself (Kestrel) before any of the API runs, with a bare 400: no
    /// problem document is possible there, and none is needed to stay safe.
    /// </summary>
    [Theory]
    [InlineData("/api/services/%00")]
    [InlineData("/api/applications/tracking/%00")]
    [InlineData("/api/departments/SAMR%00/paused")]
    public async Task NulInThePath_IsRefusedByTheServer(string path)
    {
        using var client = fixture.Host.Client("zhangsan");

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var health = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
