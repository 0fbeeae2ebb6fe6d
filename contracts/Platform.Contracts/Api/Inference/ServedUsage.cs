namespace Platform.Contracts.Api.Inference;

/// <summary>
/// What Inference has served for one deployment, from its own usage records: the figure billing
/// must come to once every <c>PredictionsServed</c> has left the outbox and been applied.
/// </summary>
public sealed record ServedUsageResponse(string Deployment, long Predictions, long Requests);
