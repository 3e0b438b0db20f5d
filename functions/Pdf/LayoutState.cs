namespace VillageReports.Pdf;

/// <summary>
/// The progress of one render through an element tree: where each element that splits across pages resumes, and
/// the layouts planned so far. Elements describe content and never change, so the same tree renders again, or
/// twice at once, from a fresh state.
/// </summary>
public sealed class LayoutState
{
    private readonly Dictionary<Element, int> _next = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(Element Element, double Width), object> _plans = [];

    /// <summary>Slack allowed when comparing lengths in points, so rounding never pushes content to the next page.</summary>
    public const double Epsilon = 0.01;

    /// <summary>Where the element resumes: the first line, row or child not yet drawn (0 before it starts).</summary>
    public int Next(Element element) => _next.GetValueOrDefault(element);

    public void MoveTo(Element element, int next) => _next[element] = next;

    /// <summary>The element's layout at a width, planned once per render and shared by its Measure and Draw.</summary>
    public T Plan<T>(Element element, double width, Func<double, T> plan)
        where T : class
    {
        if (!_plans.TryGetValue((element, width), out var planned))
        {
            planned = plan(width);
            _plans[(element, width)] = planned;
        }

        return (T)planned;
    }
}
