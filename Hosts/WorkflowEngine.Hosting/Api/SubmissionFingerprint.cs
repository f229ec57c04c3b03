using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// The SHA-256 of a submission as the engine sees it: the JSON with its keys in order (so spacing and key order do not
/// count, but every value does, numbers as written), and each file's field, name and content hash — the files of one
/// field in the order sent (a stable sort), since the photos of a material's pages make its PDF in that order. Two
/// requests with the same fingerprint ask for the same application.
/// </summary>
public static class SubmissionFingerprint
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<string> ComputeAsync(JsonObject body, IFormFileCollection? files, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var canonical = new MemoryStream())
        {
            await using (var writer = new Utf8JsonWriter(canonical, WriterOptions))
            {
                WriteCanonical(writer, body);
            }

            hash.AppendData(canonical.GetBuffer(), 0, (int)canonical.Length);
        }

        foreach (var file in (files ?? (IEnumerable<IFormFile>)[]).OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            await using var content = file.OpenReadStream();
            var sha = await SHA256.HashDataAsync(content, cancellationToken);
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new[] { file.Name, file.FileName, Convert.ToHexStringLower(sha) }));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(name);
                    WriteCanonical(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
