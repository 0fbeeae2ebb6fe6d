namespace Platform.Inference.Serving;

/// <summary>
/// A scoring model that can be explained from what its file computes (ADR 23): <see cref="VectorExplainer"/>
/// is there when serving read the file's trees, network or blend at load, and
/// <see cref="ScoreWithFeatureVectors"/> scores a batch and returns, from the same run, what that
/// explainer reads (the trees' feature vectors, a network's credits, or both for a blend).
/// </summary>
public interface IVectorExplainedModel : IScoringModel
{
    /// <summary>The trees' explainer of a binary or regression boosted-trees file; null for every other file.</summary>
    TreeShapExplainer? TreeShap { get; }

    /// <summary>
    /// What explains the model from its run: its trees, its network's weights (DeepLIFT) or both
    /// for a blend (ADR 23 amended); null for a file explained through the session (linear models,
    /// int8 weights, multiclass).
    /// </summary>
    IFeatureVectorExplainer? VectorExplainer { get; }

    /// <summary>
    /// The batch's predictions, as <see cref="IScoringModel.Score"/> answers them, and its instances'
    /// feature vectors, row-major [count × <see cref="IFeatureVectorExplainer.Width"/>]; only when
    /// <see cref="VectorExplainer"/> is there.
    /// </summary>
    (IReadOnlyList<Prediction> Predictions, float[] Features) ScoreWithFeatureVectors(FeatureBatch batch);
}
