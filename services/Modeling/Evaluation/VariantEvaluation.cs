namespace Platform.Modeling.Evaluation;

/// <summary>
/// A variant and its parent on the same test rows, latencies measured in turns;
/// <see cref="MaxProbabilityDelta"/> is the largest |p(variant) − p(parent)| of any class over
/// those rows, scored as one batch.
/// </summary>
public sealed record VariantEvaluation(EvaluationReport Parent, EvaluationReport Variant, double MaxProbabilityDelta);
