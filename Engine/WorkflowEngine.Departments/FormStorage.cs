namespace WorkflowEngine.Runtime.Departments;

/// <summary>Where a department host keeps the combined forms of the applications its tasks belong to.</summary>
public enum FormStorage
{
    /// <summary>
    /// One copy per application, beside the tasks: a department host with a database of its own. The tasks' payloads
    /// never carry the form, however many steps of the application the department carries out.
    /// </summary>
    PerApplication,

    /// <summary>
    /// The engine's copy in the same database is the only one (the all-in-one host): the department host stores none and
    /// reads the engine's.
    /// </summary>
    SharedWithEngine,
}
