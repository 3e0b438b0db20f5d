namespace VillageReports.Common;

/// <summary>Every problem found in a request, by field or element code: all of them are reported, not just the first.</summary>
public sealed class ValidationErrors : Dictionary<string, List<string>>
{
    public ValidationErrors() : base(StringComparer.Ordinal)
    {
    }

    public void Add(string key, string message)
    {
        if (!TryGetValue(key, out var messages))
        {
            this[key] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The 400 answer listing every problem.</summary>
    public Problem ToProblem(string title) =>
        Problem.Invalid("validation", title, this.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
