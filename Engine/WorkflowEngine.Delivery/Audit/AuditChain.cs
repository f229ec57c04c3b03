using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Audit;

/// <summary>
/// The hash chain of an application's audit trail: each line's hash covers its own content and the previous line's
/// hash, and the application keeps the hash and number of its last line. Editing, deleting, inserting or reordering a
/// line anywhere — also the last one — breaks the chain at that line.
/// </summary>
public static class AuditChain
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// The SHA-256 (lower-case hex) of a line at position <paramref name="sequence"/> after <paramref name="previous"/>.
    /// The content is one JSON array, so no two different lines encode the same: [application, sequence, at (Unix ms),
    /// type, step, actor, data, previous hash].
    /// </summary>
    public static string Hash(AuditRecord line, long sequence, string? previous)
    {
        // A buffer and writer per thread: a commit hashes every line it writes, and each of them was a few hundred bytes
        // of garbage.
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        {
            json.WriteStartArray();
            json.WriteStringValue(line.ApplicationId.ToString());
            json.WriteNumberValue(sequence);
            json.WriteNumberValue(line.At.ToUnixTimeMilliseconds());
            json.WriteStringValue(line.Type);
            WriteNullable(json, line.StepId);
            WriteNullable(json, line.Actor);
            WriteNullable(json, line.DataJson);
            WriteNullable(json, previous);
            json.WriteEndArray();
            json.Flush();
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>The line placed after <paramref name="sequence"/> lines ending in <paramref name="head"/>.</summary>
    public static AuditRecord Link(AuditRecord line, long sequence, string? head) =>
        line with { Sequence = sequence + 1, Hash = Hash(line, sequence + 1, head) };

    /// <summary>
    /// Checks an application's lines, in the order they were stored, against the chain and against the head the
    /// application keeps (<paramref name="sequence"/> lines ending in <paramref name="head"/>).
    /// </summary>
    public static AuditVerification Verify(IReadOnlyList<AuditRecord> lines, long sequence, string? head)
    {
        string? previous = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var expected = i + 1L;
            if (line.Hash is null)
            {
                return AuditVerification.Broken(line, expected, "该行没有哈希（未纳入哈希链）");
            }

            if (line.Sequence != expected)
            {
                return AuditVerification.Broken(line, expected, $"序号应为 {expected}，实为 {line.Sequence}（有行被删除、插入或调换）");
            }

            // The previous hash is the one stored on the line before, not a copy on this line: a line moved or deleted
            // before this one changes it.
            if (Hash(line, line.Sequence, previous) != line.Hash)
            {
                return AuditVerification.Broken(line, expected, "内容与哈希不符（该行被修改，或它前面的行被删除、插入或调换）");
            }

            previous = line.Hash;
        }

        if (lines.Count != sequence || previous != head)
        {
            return lines.Count > 0
                ? AuditVerification.Broken(lines[^1], lines.Count, $"申请记录的链尾为第 {sequence} 行，实有 {lines.Count} 行（末尾的行被删除或添加）")
                : new AuditVerification(false, null, null, $"申请记录的链尾为第 {sequence} 行，实有 0 行（记录被删除）");
        }

        return AuditVerification.Intact;
    }

    private static void WriteNullable(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStringValue(value);
        }
    }
}
