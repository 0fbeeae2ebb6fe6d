namespace Platform.Inference.Serving;

/// <summary>
/// A scoring model that can be explained from its trees (ADR 23): <see cref="TreeShap"/> is there
/// when serving read the file's trees at load (a binary boosted-trees file), and
/// <see cref="FeatureVectors"/> returns the vectors those trees read.
/// </summary>
public interface ITreeExplainedModel : IScoringModel
{
    /// <summary>Null for every other file: other families, multiclass trees, a file laid out otherwise.</summary>
    TreeShapExplainer? TreeShap { get; }

    /// <summary>The feature vectors of the batch's instances, row-major [count × <see cref="TreeShapExplainer.Width"/>]; only when <see cref="TreeShap"/> is there.</summary>
    float[] FeatureVectors(FeatureBatch batch);
}
