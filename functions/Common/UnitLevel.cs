namespace VillageReports.Common;

/// <summary>Which kind of unit a reporting unit is, and so which elements it posts (the catalog's reportedBy).</summary>
public enum UnitLevel { Village, Town }
