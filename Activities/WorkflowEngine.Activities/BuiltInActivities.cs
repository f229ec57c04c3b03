using WorkflowEngine.Core.Activities;

namespace WorkflowEngine.Activities;

/// <summary>The activity types that ship with the engine.</summary>
public static class BuiltInActivities
{
    public static IReadOnlyList<IActivity> All { get; } =
    [
        new Sequence(),
        new Parallel(),
        new Decision(),
        new Stage(),
        new DepartmentTask(),
        new CertificateIssuance(),
        new Notification(),
        new Timer(),
    ];

    public static ActivityRegistry CreateRegistry(params IEnumerable<IActivity> extra) => new([.. All, .. extra]);
}
