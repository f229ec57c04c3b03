using System.Collections.Concurrent;
using System.Data;

namespace WorkflowEngine.Persistence.Tests.Recording;

/// <summary>Every SQL text sent through a <see cref="RecordingConnection"/>, and what its reads answer.</summary>
public sealed class SqlLog
{
    private readonly ConcurrentQueue<string> _texts = new();

    /// <summary>The rows a read answers, by its text: null for none.</summary>
    public Func<string, DataTable?> Answer { get; set; } = _ => null;

    public IReadOnlyCollection<string> Texts => _texts;

    public void Add(string sql) => _texts.Enqueue(sql);
}
