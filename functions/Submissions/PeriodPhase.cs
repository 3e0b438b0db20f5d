namespace VillageReports.Submissions;

/// <summary>Where a month stands for a unit that has not posted yet, or may still change what it posted.</summary>
public enum PeriodPhase
{
    /// <summary>Not begun (China time): nothing may be posted.</summary>
    Future,

    /// <summary>Begun, due date not passed.</summary>
    Open,

    /// <summary>Past its due date, not locked: still accepted, marked late.</summary>
    Late,

    /// <summary>Its monthly report exists: only the town office amends, with a reason.</summary>
    Locked,
}
