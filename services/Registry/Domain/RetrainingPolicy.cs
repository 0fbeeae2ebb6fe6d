namespace Platform.Registry.Domain;

/// <summary>
/// When a deployment retrains itself and when the challenger may replace the champion. Drift
/// settings travel to Inference (which watches the traffic); the rest is the registry's to apply.
/// </summary>
public sealed class RetrainingPolicy
{
    public Guid DeploymentId { get; init; }
    public Guid TenantId { get; init; }
    /// <summary>A feature drifts when its PSI exceeds this …</summary>
    public double PsiThreshold { get; set; } = 0.2;
    /// <summary>… in this many consecutive windows.</summary>
    public int ConsecutiveWindows { get; set; } = 2;
    /// <summary>A drift window closes after this many rows …</summary>
    public int WindowRows { get; set; } = 500;
    /// <summary>… or this many seconds, whichever comes first.</summary>
    public int WindowSeconds { get; set; } = 300;
    /// <summary>No new retraining starts until this long after the last one started.</summary>
    public int CooldownSeconds { get; set; } = 600;
    /// <summary>Drift or a quality drop retrains on served rows only once this many have true labels.</summary>
    public int MinLabelledRows { get; set; } = 200;
    /// <summary>The challenger replaces the champion only if its ROC-AUC on the same rows is at least this much higher.</summary>
    public double PromotionMargin { get; set; } = 0.005;
    /// <summary>Live ROC-AUC this far below the champion's test ROC-AUC is a quality drop.</summary>
    public double MaxQualityDrop { get; set; } = 0.05;
    public bool OnNewData { get; set; } = true;
    public bool OnDrift { get; set; } = true;
    public bool OnQualityDrop { get; set; } = true;
    public DateTimeOffset UpdatedAt { get; set; }

    public static RetrainingPolicy DefaultFor(Deployment deployment) =>
        new() { DeploymentId = deployment.Id, TenantId = deployment.TenantId, UpdatedAt = deployment.CreatedAt };

    /// <summary>Every field that is out of range, with why; empty when the policy is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string reason) { if (!ok) errors[field] = [reason]; }
        Check(PsiThreshold is > 0 and <= 10, "psiThreshold", "must be above 0 and at most 10 (0.2 is the usual sign of a shift)");
        Check(ConsecutiveWindows is >= 1 and <= 100, "consecutiveWindows", "must be between 1 and 100");
        Check(WindowRows is >= 50 and <= 1_000_000, "windowRows", "must be between 50 and 1,000,000 (fewer rows make PSI noise)");
        Check(WindowSeconds is >= 5 and <= 86_400, "windowSeconds", "must be between 5 and 86,400 (a day)");
        Check(CooldownSeconds is >= 0 and <= 30 * 86_400, "cooldownSeconds", "must be between 0 and 2,592,000 (30 days)");
        Check(MinLabelledRows is >= 1 and <= 1_000_000, "minLabelledRows", "must be between 1 and 1,000,000");
        Check(PromotionMargin is >= 0 and <= 1, "promotionMargin", "must be between 0 and 1 (an ROC-AUC difference)");
        Check(MaxQualityDrop is > 0 and <= 1, "maxQualityDrop", "must be above 0 and at most 1 (an ROC-AUC difference)");
        return errors;
    }
}
