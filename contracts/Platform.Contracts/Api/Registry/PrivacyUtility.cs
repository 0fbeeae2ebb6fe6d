namespace Platform.Contracts.Api.Registry;

/// <summary>
/// What privacy costs on a deployment's data (issue 21, item 5): the serving model of each of the
/// tenant's deployments trained on the same dataset version with the same target and seed, so the
/// same test rows score them all: the non-private ones and each differentially private one's ε.
/// </summary>
public sealed record PrivacyUtilityResponse(string DatasetName, int DatasetVersion, string Metric, IReadOnlyList<PrivacyUtilityPoint> Points);

/// <summary>One deployment's serving model: its test metric and, when private, the (ε, δ) it spent.</summary>
public sealed record PrivacyUtilityPoint(string Deployment, Guid ModelVersionId, string Family, string Technique, double? Epsilon, double? Delta, double TestMetric);
