namespace Platform.Billing.Domain;

/// <summary>Predictions of one deployment's model version, summed over a period.</summary>
public sealed record UsageTotal(string DeploymentName, Guid ModelVersionId, long Predictions);
