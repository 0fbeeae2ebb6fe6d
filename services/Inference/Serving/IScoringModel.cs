namespace Platform.Inference.Serving;

/// <summary>A loaded model that scores batches; safe to call from many threads at once.</summary>
public interface IScoringModel : IDisposable
{
    ModelSignature Signature { get; }

    IReadOnlyList<Prediction> Score(FeatureBatch batch);
}
