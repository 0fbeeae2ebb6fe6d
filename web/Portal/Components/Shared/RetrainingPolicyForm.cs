using Platform.Contracts.Api.Registry;

namespace Platform.Portal.Components.Shared;

/// <summary>The policy editor's values, bound to its fields; property names are the policy's JSON names, so the registry's errors find them.</summary>
public sealed class RetrainingPolicyForm
{
    public double PsiThreshold { get; set; }
    public int ConsecutiveWindows { get; set; }
    public int WindowRows { get; set; }
    public int WindowSeconds { get; set; }
    public int CooldownSeconds { get; set; }
    public int MinLabelledRows { get; set; }
    public double PromotionMargin { get; set; }
    public double MaxQualityDrop { get; set; }
    public bool OnNewData { get; set; }
    public bool OnDrift { get; set; }
    public bool OnQualityDrop { get; set; }

    public static readonly IReadOnlyList<string> Fields =
    [
        nameof(PsiThreshold), nameof(ConsecutiveWindows), nameof(WindowRows), nameof(WindowSeconds), nameof(CooldownSeconds),
        nameof(MinLabelledRows), nameof(PromotionMargin), nameof(MaxQualityDrop), nameof(OnNewData), nameof(OnDrift), nameof(OnQualityDrop),
    ];

    public static RetrainingPolicyForm From(RetrainingPolicyResponse policy) => new()
    {
        PsiThreshold = policy.PsiThreshold,
        ConsecutiveWindows = policy.ConsecutiveWindows,
        WindowRows = policy.WindowRows,
        WindowSeconds = policy.WindowSeconds,
        CooldownSeconds = policy.CooldownSeconds,
        MinLabelledRows = policy.MinLabelledRows,
        PromotionMargin = policy.PromotionMargin,
        MaxQualityDrop = policy.MaxQualityDrop,
        OnNewData = policy.OnNewData,
        OnDrift = policy.OnDrift,
        OnQualityDrop = policy.OnQualityDrop,
    };

    public RetrainingPolicyRequest ToChange() => new(
        PsiThreshold, ConsecutiveWindows, WindowRows, WindowSeconds, CooldownSeconds,
        MinLabelledRows, PromotionMargin, MaxQualityDrop, OnNewData, OnDrift, OnQualityDrop);
}
