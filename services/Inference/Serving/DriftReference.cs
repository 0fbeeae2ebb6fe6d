using Platform.Tabular.Drift;

namespace Platform.Inference.Serving;

/// <summary>
/// A model's drift reference matched to its inputs: for each reference feature, the position of the
/// request column that carries it, checked to be of the same kind. A feature the model no longer
/// takes is left out rather than guessed.
/// </summary>
public sealed class DriftReference
{
    private DriftReference(ReferenceStatistics statistics, int[] columns)
    {
        Statistics = statistics;
        Columns = columns;
    }

    /// <summary>The reference, restricted to the features the model takes, in <see cref="Columns"/> order.</summary>
    public ReferenceStatistics Statistics { get; }
    /// <summary>For feature f, the index of its column in a <see cref="FeatureBatch"/>.</summary>
    public int[] Columns { get; }

    public static DriftReference Match(ReferenceStatistics reference, ModelSignature signature)
    {
        var features = new List<FeatureReference>();
        var columns = new List<int>();
        foreach (var feature in reference.Features)
        {
            var index = -1;
            for (var i = 0; i < signature.Inputs.Count; i++)
                if (signature.Inputs[i].Name == feature.Name) index = i;
            if (index < 0) continue;
            var numeric = signature.Inputs[index].Kind == FeatureKind.Numeric;
            if (numeric != (feature.Kind == DriftFeatureKind.Numeric)) continue;
            features.Add(feature);
            columns.Add(index);
        }
        return new DriftReference(reference with { Features = features }, columns.ToArray());
    }
}
