namespace Platform.Contracts.Api.Registry;

/// <summary>
/// One pass of a deployment's pipeline: train, compress, promote. <see cref="Trigger"/> and
/// <see cref="State"/> are strings, as the registry spells them, so the registry can add values.
/// </summary>
public sealed record RunResponse(
    Guid Id, Guid DatasetVersionId, string Trigger, string State, int Epoch, double? ValidationAuc,
    Guid? BaseVersionId, Guid? PromotedVersionId, string? Reason, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt);

/// <summary>One finished training epoch of a run.</summary>
public sealed record RunEpochResponse(int Epoch, double TrainLoss, double ValidationLoss, double ValidationAuc, DateTimeOffset RecordedAt);
