namespace Platform.Modeling.Evaluation;

/// <summary>
/// A variant and its parent on the same test rows, latencies measured in turns;
/// <see cref="MaxProbabilityDelta"/> is the largest |p(variant) − p(parent)| of any class over
/// those rows, scored as one batch; for a regression, the largest |Δ value| in the target's units.
/// </summary>
public sealed record VariantEvaluation(EvaluationReport Parent, EvaluationReport Variant, double MaxProbabilityDelta);
