using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace WorkflowEngine.Testing;

/// <summary>A valid 企业开办 application, with its materials as a multipart body.</summary>
public static class BusinessOpening
{
    public static JsonObject Form(bool bank = true) => new()
    {
        ["companyName"] = "福州闽江数字科技有限公司",
        ["companyType"] = "llc",
        ["registeredCapital"] = 1000000,
        ["businessScope"] = "软件开发；信息技术咨询服务",
        ["businessAddress"] = "福建省福州市鼓楼区五四路1号",
        ["legalRepName"] = "张三",
        ["legalRepId"] = "11010519491231002X",
        ["contactPhone"] = "13800138000",
        ["employeeCount"] = 12,
        ["openBankAccount"] = bank,
    };

    public static JsonObject Application(JsonObject? form = null) => new()
    {
        ["serviceId"] = "business-opening",
        ["form"] = form ?? Form(),
    };

    /// <summary>The application with the two required, non-deferrable materials as PDF files.</summary>
    public static MultipartFormDataContent Multipart(JsonObject? application = null, params (string Key, string FileName, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent((application ?? Application()).ToJsonString()), "application" } };
        var all = files.Length > 0 ? files : [("articles", "章程.pdf", Pdf), ("legalRepIdCopy", "身份证.pdf", Pdf)];
        foreach (var (key, fileName, bytes) in all)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, key, fileName);
        }

        return content;
    }

    public static byte[] Pdf { get; } = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
}
