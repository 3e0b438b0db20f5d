namespace VillageReports.Common;

/// <summary>Storage could not be reached within the app's retry budget; the request may be retried as it was.</summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
