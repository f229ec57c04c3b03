namespace WorkflowEngine.Runtime;

/// <summary>Settings of the engine runtime (section <c>Engine</c> of the host's configuration).</summary>
public sealed class EngineOptions
{
    /// <summary>The folder holding departments.yaml, calendars/ and services/.</summary>
    public string DefinitionsPath { get; set; } = "Definitions";

    /// <summary>Where uploaded materials are kept.</summary>
    public string BlobPath { get; set; } = "data/blobs";

    /// <summary>The most work one commit takes.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>
    /// How many engine commit loops run side by side, each owning the applications whose id hashes to it (0: one
    /// per processor). One loop reads, interprets and writes a batch at a time; with two, one batch is read and
    /// interpreted while the other is written.
    /// </summary>
    public int EngineLoops { get; set; }

    /// <summary>
    /// How many department commit loops run side by side (0: one per processor). A step and its recall go to the loop
    /// of their application; a clerk's claim and decision to the loop of their task, and a change that meets another
    /// loop's change to the same task is run again on fresh state (the task's status is checked when it is written).
    /// </summary>
    public int DepartmentLoops { get; set; }

    /// <summary>
    /// How many applications in progress the engine keeps as it last committed them, instead of reading them back for
    /// every batch (0: none).
    /// </summary>
    public int StateCacheSize { get; set; } = 10_000;

    /// <summary>How much work may wait for a commit before callers are held back.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    public int RelayBatch { get; set; } = 512;

    /// <summary>
    /// How many messages the relay has on their way to a durable broker at once, awaiting their publisher confirms
    /// together (1: one at a time). A broker writes what has come in before it confirms, so confirms awaited together
    /// share its disk writes; one at a time, every message waits for a write of its own. A bus that dies with the
    /// process (in-memory) takes one at a time: its send is a hand-over within the process, with nothing to wait for.
    /// </summary>
    public int RelayWindow { get; set; } = 64;

    /// <summary>How often the relay polls the outbox for rows nobody handed it (left by a crash, given back after a failed publish, or written by another process).</summary>
    public TimeSpan RelayPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an engine process on a shared database looks for a holiday arrangement another one loaded.</summary>
    public TimeSpan CalendarFollowInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a department's new name, edited on another engine process on a shared database, may take to show on this one.</summary>
    public TimeSpan DepartmentFollowInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A step its department has not acknowledged this long after it was sent is sent again (and counted as stuck).</summary>
    public TimeSpan StepAckTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A step a department holds that nothing was heard of for this long is sent again, so that the department reports
    /// where it stands (a decision whose report was lost is reported again).
    /// </summary>
    public TimeSpan StepProbeInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the engine looks for stuck work.</summary>
    public TimeSpan StuckCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a process holds a leased outbox row or timer before another may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Names this process in leases.</summary>
    public string InstanceName { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The largest upload the API accepts for one material, whatever the definition says.</summary>
    public long MaxMaterialBytes { get; set; } = 50L * 1024 * 1024;
}
