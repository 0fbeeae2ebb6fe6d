namespace Platform.Inference.Serving;

public static class FeatureBatches
{
    /// <summary>
    /// Several requests' rows as one batch, in order: row i of the result is row i of the first batch,
    /// and so on. Every batch was read against the same model signature, so columns match by position.
    /// </summary>
    public static FeatureBatch Concatenate(IEnumerable<FeatureBatch> batches)
    {
        var parts = batches as IReadOnlyList<FeatureBatch> ?? [.. batches];
        if (parts.Count == 1) return parts[0];
        var first = parts[0];
        var count = parts.Sum(p => p.Count);
        var columns = new FeatureColumn[first.Columns.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var name = first.Columns[c].Name;
            foreach (var part in parts)
            {
                if (part.Columns.Count != columns.Length || part.Columns[c].Name != name || part.Columns[c].GetType() != first.Columns[c].GetType())
                    throw new ArgumentException($"Batches for one run must have the same columns; '{name}' differs.", nameof(batches));
            }
            columns[c] = first.Columns[c] switch
            {
                NumericColumn => new NumericColumn(name, Join(parts, c, static (NumericColumn n) => n.Values, count)),
                CategoricalColumn => new CategoricalColumn(name, Join(parts, c, static (CategoricalColumn k) => k.Values, count)),
                ImageColumn image => new ImageColumn(name, image.Shape, Join(parts, c, static (ImageColumn i) => i.Values, count * image.Shape.Values, image.Shape.Values),
                    image.Statistics.Keys.ToDictionary(s => s, s => Join(parts, c, (ImageColumn i) => i.Statistics[s], count))),
                var other => throw new InvalidOperationException($"Unknown column type {other.GetType().Name}."),
            };
        }
        return new FeatureBatch(count, columns);
    }

    /// <summary>The parts' values of one column end to end; <paramref name="width"/> values per row (an image's pixels).</summary>
    private static T[] Join<TColumn, T>(IReadOnlyList<FeatureBatch> parts, int column, Func<TColumn, T[]> values, int count, int width = 1)
        where TColumn : FeatureColumn
    {
        var joined = new T[count];
        var offset = 0;
        foreach (var part in parts)
        {
            var own = values((TColumn)part.Columns[column]);
            own.AsSpan(0, part.Count * width).CopyTo(joined.AsSpan(offset));
            offset += part.Count * width;
        }
        return joined;
    }
}
