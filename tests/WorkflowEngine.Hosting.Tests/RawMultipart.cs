using System.Net.Http.Headers;
using System.Text;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>Multipart bodies written byte by byte, so a test can send what HttpClient would never produce.</summary>
public static class RawMultipart
{
    public const string Boundary = "----hostile-boundary-7d1a";

    /// <summary>A text field whose value is the given bytes, as they are.</summary>
    public static byte[] Field(string name, byte[] value) =>
        [.. Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"), .. value, .. "\r\n"u8];

    /// <summary>A file part; the file name is written as raw bytes in the header.</summary>
    public static byte[] File(string name, byte[] fileName, string contentType, byte[] content) =>
        [
            .. Encoding.UTF8.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\""),
            .. fileName,
            .. Encoding.UTF8.GetBytes($"\"\r\nContent-Type: {contentType}\r\n\r\n"),
            .. content,
            .. "\r\n"u8,
        ];

    public static byte[] End { get; } = Encoding.UTF8.GetBytes($"--{Boundary}--\r\n");

    public static ByteArrayContent Content(byte[] body, string boundary = Boundary)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return content;
    }

    public static ByteArrayContent Content(params byte[][] parts) => Content(parts.SelectMany(p => p).ToArray());
}
