namespace Platform.Inference.Serving;

/// <summary>
/// DeepLIFT credits as the session computes them (<c>NetworkFile.Explaining</c>): the "feature
/// vector" it reads is the run's credits output, already summed per input in the signature's order;
/// an instance's log-odds (value) are the baseline's plus its credits, so they add up exactly, and
/// match the file's own score to float precision (the graph computes in float, ADR 23 amended).
/// </summary>
internal sealed class GraphDeepLiftExplainer(int inputs, double baseLogOdds) : IFeatureVectorExplainer
{
    public string Method => PredictionExplainer.DeepLift;
    public int Inputs => inputs;
    public int Width => inputs;
    public double BaseLogOdds => baseLogOdds;

    public void Explain(ReadOnlySpan<float> features, Span<double> credits, Span<double> logOdds)
    {
        if (features.Length != credits.Length || credits.Length != logOdds.Length * inputs)
            throw new ArgumentException($"{logOdds.Length} instances have {logOdds.Length * inputs} credits; the run gave {features.Length}.", nameof(features));
        for (var i = 0; i < logOdds.Length; i++)
        {
            var sum = baseLogOdds;
            for (var c = 0; c < inputs; c++)
            {
                var credit = (double)features[i * inputs + c];
                credits[i * inputs + c] = credit;
                sum += credit;
            }
            logOdds[i] = sum;
        }
    }
}
