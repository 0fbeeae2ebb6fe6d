using Platform.Inference.Domain;

namespace Platform.Inference.Infrastructure;

/// <summary>What one answered request owes the database: the instances kept for feedback and the usage they bill.</summary>
public sealed record ServedWrite(DeploymentCredentials Deployment, Guid ModelVersionId, IReadOnlyList<ServedPrediction> Rows);
