namespace VillageReports.Pdf;

/// <summary>
/// A piece of a document, described once and never changed by rendering. <see cref="Measure"/> says how much of the
/// offered space the element needs from where the render's <see cref="LayoutState"/> says it resumes (and changes
/// nothing); <see cref="Draw"/> draws what fits and, for elements that split across pages, records in the state
/// where the next page continues.
/// </summary>
public abstract class Element
{
    /// <summary>Names the element in layout errors.</summary>
    public string Name { get; init; } = "";

    /// <summary>A heading keeps with what follows it: it moves to the next page rather than end one.</summary>
    public virtual bool KeepWithNext => false;

    public abstract SpacePlan Measure(Size available, LayoutState state);

    public abstract void Draw(ICanvas canvas, Size available, LayoutState state);

    protected string Describe(string kind) => Name.Length > 0 ? $"{kind} '{Name}'" : kind;
}

/// <summary>Space around a child.</summary>
public sealed class Padding(Element child, double top, double right, double bottom, double left) : Element
{
    public override bool KeepWithNext => child.KeepWithNext;

    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var plan = child.Measure(Inner(available), state);
        return plan.Kind switch
        {
            SpaceKind.Partial => SpacePlan.Partial(plan.Size.Width + left + right, plan.Size.Height + top + bottom),
            SpaceKind.Full => SpacePlan.Full(plan.Size.Width + left + right, plan.Size.Height + top + bottom),
            _ => plan,
        };
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        canvas.Translate(left, top);
        child.Draw(canvas, Inner(available), state);
        canvas.Translate(-left, -top);
    }

    private Size Inner(Size available) =>
        new(Math.Max(0, available.Width - left - right), Math.Max(0, available.Height - top - bottom));
}

/// <summary>Ends the page: what follows starts on the next one.</summary>
public sealed class PageBreak : Element
{
    public override SpacePlan Measure(Size available, LayoutState state) =>
        state.Next(this) > 0 ? SpacePlan.Empty : SpacePlan.Partial(available.Width, 0);

    public override void Draw(ICanvas canvas, Size available, LayoutState state) => state.MoveTo(this, 1);
}

/// <summary>Fixed empty space.</summary>
public sealed class Spacer(double height) : Element
{
    public override SpacePlan Measure(Size available, LayoutState state) =>
        SpacePlan.Full(available.Width, Math.Min(height, available.Height));

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
    }
}

/// <summary>A horizontal rule across the width.</summary>
public sealed class Rule(double thickness, Rgb color, double spaceAbove = 4, double spaceBelow = 4) : Element
{
    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var height = spaceAbove + thickness + spaceBelow;
        return height <= available.Height ? SpacePlan.Full(available.Width, height) : SpacePlan.Wrap("no room for a rule");
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var y = spaceAbove + (thickness / 2);
        canvas.DrawLine(0, y, available.Width, y, thickness, color);
    }
}
