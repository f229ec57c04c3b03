namespace WorkflowEngine.Runtime.Departments;

/// <summary>A task's place in its queue before its due time, as <c>StepEscalated.priority</c> names it.</summary>
public static class TaskPriorities
{
    /// <summary>The names, lowest first; a task's <see cref="TaskRecord.Priority"/> is the index.</summary>
    public static IReadOnlyList<string> Names { get; } = ["normal", "high", "urgent"];

    /// <summary>The rank of a priority name: 0 (normal) for none or one this host does not know.</summary>
    public static int RankOf(string? priority)
    {
        for (var i = 1; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], priority, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>How the queue shows a rank: 加急, 特急, or nothing for normal.</summary>
    public static string? Label(int rank) => rank switch
    {
        1 => "加急",
        >= 2 => "特急",
        _ => null,
    };
}
