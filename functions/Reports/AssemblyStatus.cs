namespace VillageReports.Reports;

/// <summary>What an assembly run did.</summary>
public enum AssemblyStatus
{
    /// <summary>Stored a new version.</summary>
    Created,

    /// <summary>The latest version already covers the same inputs: nothing stored, nothing delivered again.</summary>
    Unchanged,

    /// <summary>Another run held the report for too long; the job was put back on the queue for later (not a failure).</summary>
    Deferred,
}
