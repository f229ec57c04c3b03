using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Testing;

/// <summary>工程建设项目审批 (construction-permit, four stages with limits of their own) as a builder submits it: a valid form and its required materials.</summary>
public static class ConstructionPermit
{
    public static JsonObject Form() => new()
    {
        ["projectName"] = "闽江科创园一期",
        ["builderName"] = "福州闽江建设有限公司",
        ["builderCode"] = "91350100M000100Y43",
        ["contactPhone"] = "0591-87654321",
        ["projectType"] = "enterprise",
        ["totalInvestment"] = 120000000,
        ["floorArea"] = 36000,
        ["needsEia"] = false,
        ["hasCivilAirDefence"] = true,
    };

    /// <summary>The application with its four required materials as PDF files.</summary>
    public static MultipartFormDataContent Multipart()
    {
        var application = new JsonObject { ["serviceId"] = "construction-permit", ["form"] = Form() };
        var content = new MultipartFormDataContent { { new StringContent(application.ToJsonString()), "application" } };
        foreach (var key in new[] { "projectProposal", "siteSelection", "designScheme", "constructionDrawings" })
        {
            var file = new ByteArrayContent(BusinessOpening.Pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, key, key + ".pdf");
        }

        return content;
    }
}
