using Platform.Tabular.Drift;

namespace Platform.Inference.Serving;

/// <summary>
/// A model's drift reference matched to its inputs: for each reference feature, the position of the
/// request column that carries it, checked to be of the same kind. A feature the model no longer
/// takes is left out rather than guessed.
/// </summary>
public sealed class DriftReference
{
    private DriftReference(ReferenceStatistics statistics, int[] columns, string?[] imageStatistics)
    {
        Statistics = statistics;
        Columns = columns;
        ImageStatistics = imageStatistics;
    }

    /// <summary>The reference, restricted to the features the model takes, in <see cref="Columns"/> order.</summary>
    public ReferenceStatistics Statistics { get; }
    /// <summary>For feature f, the index of its column in a <see cref="FeatureBatch"/>.</summary>
    public int[] Columns { get; }
    /// <summary>For feature f of an image input, the statistic it bins (<see cref="Tabular.Images.ImageStatistics"/>); null for a plain column.</summary>
    public string?[] ImageStatistics { get; }

    public static DriftReference Match(ReferenceStatistics reference, ModelSignature signature)
    {
        var features = new List<FeatureReference>();
        var columns = new List<int>();
        var statistics = new List<string?>();
        foreach (var feature in reference.Features)
        {
            // An image input's statistics are named {input}.{statistic} (ADR 34), binned as numbers.
            if (Tabular.Images.ImageStatistics.Parse(feature.Name) is var (input, statistic)
                && signature.Inputs.ToList().FindIndex(i => i.Name == input && i.Kind == FeatureKind.Image) is var image and >= 0)
            {
                if (feature.Kind != DriftFeatureKind.Numeric) continue;
                features.Add(feature);
                columns.Add(image);
                statistics.Add(statistic);
                continue;
            }
            var index = -1;
            for (var i = 0; i < signature.Inputs.Count; i++)
                if (signature.Inputs[i].Name == feature.Name) index = i;
            if (index < 0) continue;
            var numeric = signature.Inputs[index].Kind == FeatureKind.Numeric;
            if (numeric != (feature.Kind == DriftFeatureKind.Numeric)) continue;
            features.Add(feature);
            columns.Add(index);
            statistics.Add(null);
        }
        return new DriftReference(reference with { Features = features }, [.. columns], [.. statistics]);
    }
}
