using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Testing;

/// <summary>联合验收 + 不动产登记 (joint-acceptance-registration) as an applicant submits it: a valid form and its four materials.</summary>
public static class JointAcceptance
{
    public static JsonObject Form(bool civilAirDefence) => new()
    {
        ["projectName"] = "闽江数字产业园一期",
        ["builderName"] = "福州闽江数字科技有限公司",
        ["builderCode"] = "91350100M000100Y43",
        ["agentName"] = "张三",
        ["agentId"] = "11010519491231002X",
        ["contactPhone"] = "13800138000",
        ["completionDate"] = "2026-10-15",
        ["hasCivilAirDefence"] = civilAirDefence,
        ["parcelNumber"] = "350102001001GB00001F00010001",
    };

    /// <summary>The application with its materials, but for those <paramref name="without"/> (a deferrable one comes later: 容缺).</summary>
    public static MultipartFormDataContent Multipart(bool civilAirDefence, params string[] without) => Multipart(Form(civilAirDefence), without);

    /// <summary>The application with <paramref name="form"/> (e.g. <see cref="Form"/> with another completion date) and its materials.</summary>
    public static MultipartFormDataContent Multipart(JsonObject form, params string[] without) =>
        Build(new JsonObject { ["serviceId"] = "joint-acceptance-registration", ["form"] = form }, without);

    /// <summary>The application with <paramref name="form"/> and its materials, taken in at a window for the citizen <paramref name="applicant"/> describes.</summary>
    public static MultipartFormDataContent AtWindow(JsonObject form, JsonObject applicant) =>
        Build(new JsonObject { ["serviceId"] = "joint-acceptance-registration", ["form"] = form, ["applicant"] = applicant }, []);

    private static MultipartFormDataContent Build(JsonObject application, string[] without)
    {
        var content = new MultipartFormDataContent { { new StringContent(application.ToJsonString()), "application" } };
        foreach (var (key, fileName) in new[]
        {
            ("completionReport", "竣工验收报告.pdf"), ("surveyReport", "竣工测绘成果.pdf"), ("archivesList", "档案移交清单.pdf"), ("landCertificate", "土地使用权证明.pdf"),
        }.Where(m => !without.Contains(m.Item1)))
        {
            var file = new ByteArrayContent(BusinessOpening.Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, key, fileName);
        }

        return content;
    }
}
