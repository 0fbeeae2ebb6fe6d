namespace Platform.Inference.Serving;

/// <summary>
/// A scoring model that can be explained from its trees (ADR 23): <see cref="TreeShap"/> is there
/// when serving read the file's trees at load (a binary boosted-trees file), and
/// <see cref="ScoreWithFeatureVectors"/> scores a batch and returns, from the same run, the vectors
/// those trees read.
/// </summary>
public interface ITreeExplainedModel : IScoringModel
{
    /// <summary>Null for every other file: other families, multiclass trees, a file laid out otherwise.</summary>
    TreeShapExplainer? TreeShap { get; }

    /// <summary>
    /// What explains the model from its feature vectors: its trees, or its network's weights
    /// (DeepLIFT, ADR 23 amended); null for a file explained by sampling (a blend, int8 weights, multiclass).
    /// </summary>
    IFeatureVectorExplainer? VectorExplainer { get; }

    /// <summary>
    /// The batch's predictions, as <see cref="IScoringModel.Score"/> answers them, and its instances'
    /// feature vectors, row-major [count × <see cref="IFeatureVectorExplainer.Width"/>]; only when
    /// <see cref="VectorExplainer"/> is there.
    /// </summary>
    (IReadOnlyList<Prediction> Predictions, float[] Features) ScoreWithFeatureVectors(FeatureBatch batch);
}
