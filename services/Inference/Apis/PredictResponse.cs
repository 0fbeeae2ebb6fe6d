using Platform.Inference.Serving;

namespace Platform.Inference.Apis;

/// <summary>The predictions in instance order, and the model version that made them (the one billed).</summary>
public sealed record PredictResponse(string DeploymentName, Guid ModelVersionId, IReadOnlyList<Prediction> Predictions);
