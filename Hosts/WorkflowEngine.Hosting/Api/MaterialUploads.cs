using Microsoft.AspNetCore.Http;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The files of a multipart request as uploaded materials, for the API and the pages alike.</summary>
public static class MaterialUploads
{
    /// <summary>
    /// Each file under its material's key: a file field may be named <c>articles</c> or <c>materials.articles</c>. (A file
    /// input a browser sends empty has no file name, so ASP.NET Core reads it as a form value, not a file.)
    /// </summary>
    public static UploadedMaterial[] Of(IFormFileCollection? files) =>
        files is null ? [] : files.Select(f => new UploadedMaterial(MaterialKey(f.Name), f.FileName, f.ContentType, f.OpenReadStream())).ToArray();

    /// <summary>What is wrong with the number of files of one request, or null.</summary>
    public static string? TooMany(IFormFileCollection files, RequestLimits limits) =>
        files.Count > limits.UploadFiles ? FormMessages.Say($"一次最多上传 {limits.UploadFiles} 个文件", $"At most {limits.UploadFiles} files can be uploaded at once") : null;

    private static string MaterialKey(string fieldName) =>
        fieldName.StartsWith("materials.", StringComparison.Ordinal) ? fieldName["materials.".Length..] : fieldName;
}
