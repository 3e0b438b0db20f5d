namespace VillageReports.Reports;

/// <summary>Another run is assembling the same report; the message is retried.</summary>
public sealed class ReportBusyException : Exception
{
    public ReportBusyException(string message) : base(message)
    {
    }
}
