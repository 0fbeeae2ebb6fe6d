namespace Platform.Portal.Services.Models;

// Inference's API responses as the portal reads them.

public sealed record ServedDeployment(string Name, Guid? ModelVersionId, bool Loaded, Guid? LoadedModelVersionId, DateTimeOffset? PromotedAt);

public sealed record Prediction(string Label, IReadOnlyDictionary<string, double> Probabilities);

public sealed record PredictAnswer(string DeploymentName, Guid ModelVersionId, IReadOnlyList<Prediction> Predictions);
