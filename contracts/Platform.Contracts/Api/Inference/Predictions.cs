using System.Text.Json;

namespace Platform.Contracts.Api.Inference;

/// <summary><c>{"instances":[{"column": value, ...}, ...]}</c>; values are checked against the model's inputs.</summary>
public sealed record PredictRequest(JsonElement Instances);

/// <summary>The predictions in instance order, and the model version that made them (the one billed).</summary>
public sealed record PredictResponse(string DeploymentName, Guid ModelVersionId, IReadOnlyList<PredictionResponse> Predictions);

/// <summary>
/// One instance's answer: the predicted class and each class's probability, in the model's class
/// order; <see cref="PredictionId"/> is what feedback names to send its true label.
/// </summary>
public sealed record PredictionResponse(string Label, IReadOnlyDictionary<string, double> Probabilities, Guid PredictionId);
