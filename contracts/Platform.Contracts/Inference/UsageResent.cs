namespace Platform.Contracts.Inference;

/// <summary>
/// One part (<see cref="Part"/> of <see cref="Parts"/>, counted from 1) of an hour's usage sent again
/// for a reconciliation: the original <see cref="PredictionsServed"/> events, unchanged. An hour comes
/// in parts so that no message grows with traffic; an hour with nothing to send is one empty part.
/// </summary>
public sealed record UsageResent(
    Guid TenantId,
    Guid CorrelationId,
    Guid ReconciliationId,
    string DeploymentName,
    DateTimeOffset HourStart,
    int Part,
    int Parts,
    IReadOnlyList<PredictionsServed> Usage) : IPlatformMessage;
