namespace Platform.Registry.Domain;

/// <summary>
/// Champion against challenger, both measured on the same held-out rows of the new dataset version:
/// the challenger replaces the champion only when it is better by the policy's margin, so noise
/// between two equally good models never churns the endpoint.
/// </summary>
public static class ChallengerDecision
{
    public static (bool Promote, string Reason) Decide(double championAuc, double challengerAuc, double margin)
    {
        var needed = championAuc + margin;
        return challengerAuc >= needed - 1e-12
            ? (true, $"challenger ROC-AUC {challengerAuc:F4} ≥ champion {championAuc:F4} + margin {margin:F4} on the same test rows")
            : (false, $"challenger ROC-AUC {challengerAuc:F4} < champion {championAuc:F4} + margin {margin:F4} on the same test rows; the champion keeps serving");
    }
}
