namespace Platform.Registry.Domain;

/// <summary>The version that serves, and every candidate refused with its reason.</summary>
public sealed record PromotionDecision(ModelVersion Chosen, IReadOnlyList<PromotionRefusal> Refused);

public sealed record PromotionRefusal(ModelVersion Version, string Reason);
