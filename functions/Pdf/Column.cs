namespace VillageReports.Pdf;

/// <summary>Children one below the other, split across pages between children (or inside one that splits itself).</summary>
public sealed class Column(IReadOnlyList<Element> children, double spacing = 0) : Element
{
    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var (items, height, complete, wrapReason) = Plan(available, state);
        if (state.Next(this) >= children.Count)
        {
            return SpacePlan.Empty;
        }

        if (!items.Any(i => i.Plan.Draws))
        {
            return complete ? SpacePlan.Full(available.Width, 0) : SpacePlan.Wrap(wrapReason ?? $"{Describe("column")} has no room");
        }

        return complete ? SpacePlan.Full(available.Width, height) : SpacePlan.Partial(available.Width, height);
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var (items, _, _, _) = Plan(available, state);
        foreach (var (index, plan, top) in items)
        {
            if (plan.Draws)
            {
                canvas.Translate(0, top);
                children[index].Draw(canvas, new Size(available.Width, available.Height - top), state);
                canvas.Translate(0, -top);
            }

            if (plan.Kind is SpaceKind.Full or SpaceKind.Empty)
            {
                state.MoveTo(this, index + 1);
            }
        }
    }

    /// <summary>The one plan both passes use: which children go on this page, where, and whether that ends the column.</summary>
    private (List<(int Index, SpacePlan Plan, double Top)> Items, double Height, bool Complete, string? WrapReason) Plan(Size available, LayoutState state)
    {
        var items = new List<(int Index, SpacePlan Plan, double Top)>();
        var y = 0.0;
        for (var i = state.Next(this); i < children.Count; i++)
        {
            var top = items.Any(it => it.Plan.Draws) ? y + spacing : y;
            var plan = children[i].Measure(new Size(available.Width, Math.Max(0, available.Height - top)), state);
            if (plan.Kind == SpaceKind.Empty)
            {
                items.Add((i, plan, top));
                continue;
            }

            if (plan.Kind == SpaceKind.Wrap)
            {
                // A heading never ends a page: if what follows it does not fit, it moves down too.
                while (items.Count > 1 && items[^1].Plan.Kind == SpaceKind.Full && children[items[^1].Index].KeepWithNext)
                {
                    items.RemoveAt(items.Count - 1);
                }

                y = items.Where(it => it.Plan.Draws).Select(it => it.Top + it.Plan.Size.Height).DefaultIfEmpty(0).Max();
                return (items, y, false, plan.Reason);
            }

            items.Add((i, plan, top));
            y = top + plan.Size.Height;
            if (plan.Kind == SpaceKind.Partial)
            {
                return (items, y, false, null);
            }
        }

        return (items, y, true, null);
    }
}

/// <summary>Children side by side with relative widths; a row never splits across pages.</summary>
public sealed class Row(IReadOnlyList<(double Weight, Element Child)> cells, double spacing = 0) : Element
{
    public override SpacePlan Measure(Size available, LayoutState state)
    {
        var height = 0.0;
        foreach (var (width, child) in Layout(available.Width))
        {
            var plan = child.Measure(new Size(width, available.Height), state);
            if (plan.Kind is SpaceKind.Wrap or SpaceKind.Partial)
            {
                return SpacePlan.Wrap($"{Describe("row")} is taller than the space left ({plan.Reason ?? "a cell would split"})");
            }

            height = Math.Max(height, plan.Size.Height);
        }

        return SpacePlan.Full(available.Width, height);
    }

    public override void Draw(ICanvas canvas, Size available, LayoutState state)
    {
        var x = 0.0;
        foreach (var (width, child) in Layout(available.Width))
        {
            canvas.Translate(x, 0);
            child.Draw(canvas, new Size(width, available.Height), state);
            canvas.Translate(-x, 0);
            x += width + spacing;
        }
    }

    private IEnumerable<(double Width, Element Child)> Layout(double width)
    {
        var total = cells.Sum(c => c.Weight);
        var free = width - (spacing * (cells.Count - 1));
        return cells.Select(c => (free * c.Weight / total, c.Child));
    }
}
