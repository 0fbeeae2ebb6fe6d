namespace Platform.Contracts.Registry;

/// <summary>A retraining's challenger did not beat the champion on the same rows; the champion keeps serving.</summary>
public sealed record ChallengerRejected(
    Guid TenantId,
    Guid CorrelationId,
    string DeploymentName,
    Guid ChallengerVersionId,
    Guid ChampionVersionId,
    double ChallengerAuc,
    double ChampionAuc,
    string Reason) : IPlatformMessage;
