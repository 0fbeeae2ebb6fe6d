namespace Platform.Contracts.Training;

/// <summary>One epoch of a training run is done.</summary>
public sealed record TrainingProgressed(
    Guid TenantId,
    Guid CorrelationId,
    Guid TrainingRunId,
    int Epoch,
    double TrainLoss,
    double ValidationLoss,
    double ValidationMetric,
    TimeSpan? EstimatedRemaining) : IPlatformMessage;
