using System.Text.Json;

namespace Platform.Inference.Apis;

/// <summary><c>{"instances":[{"column": value, ...}, ...]}</c>; values are checked against the model's inputs.</summary>
public sealed record PredictRequest(JsonElement Instances);
