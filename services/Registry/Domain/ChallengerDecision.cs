namespace Platform.Registry.Domain;

/// <summary>
/// Champion against challenger, both measured on the same held-out rows of the new dataset version:
/// the challenger replaces the champion only when it is better by the policy's margin, so noise
/// between two equally good models never churns the endpoint.
/// </summary>
public static class ChallengerDecision
{
    /// <param name="metric">What the figures are, as the reason names it: ROC-AUC, or R² for a regression (ADR 31).</param>
    public static (bool Promote, string Reason) Decide(double championAuc, double challengerAuc, double margin, string metric = "ROC-AUC")
    {
        var needed = championAuc + margin;
        return challengerAuc >= needed - 1e-12
            ? (true, $"challenger {metric} {challengerAuc:F4} ≥ champion {championAuc:F4} + margin {margin:F4} on the same test rows")
            : (false, $"challenger {metric} {challengerAuc:F4} < champion {championAuc:F4} + margin {margin:F4} on the same test rows; the champion keeps serving");
    }
}
