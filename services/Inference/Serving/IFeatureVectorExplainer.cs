namespace Platform.Inference.Serving;

/// <summary>
/// Explains instances from the feature vectors the file computes from their raw inputs (ADR 23):
/// read from the file at load, fed by the run that scores the instances, so an explanation costs
/// its own arithmetic on top of the plain prediction. Credits are per raw input, in log-odds of the
/// positive class (a regression's value, ADR 31), against the all-missing baseline, and add up to
/// <c>logOdds − BaseLogOdds</c>.
/// </summary>
public interface IFeatureVectorExplainer
{
    /// <summary>The method an explanation names (<c>tree-shap</c>, <c>deeplift</c>).</summary>
    string Method { get; }

    /// <summary>The inputs credited, in the signature's order.</summary>
    int Inputs { get; }

    /// <summary>The feature vector's width.</summary>
    int Width { get; }

    /// <summary>The baseline's log-odds (value).</summary>
    double BaseLogOdds { get; }

    /// <summary>
    /// For <paramref name="logOdds"/>.Length instances whose feature vectors follow one another in
    /// <paramref name="features"/>: their credits, likewise one after the other, and their log-odds.
    /// </summary>
    void Explain(ReadOnlySpan<float> features, Span<double> credits, Span<double> logOdds);
}
