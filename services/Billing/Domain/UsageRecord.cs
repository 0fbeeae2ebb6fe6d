using Platform.Contracts.Inference;
using Platform.ServiceDefaults.Messaging.Redelivery;

namespace Platform.Billing.Domain;

/// <summary>Usage applied to a tenant's ledger; the usage id is its key, so each is counted once.</summary>
public sealed class UsageRecord
{
    public Guid UsageId { get; init; }
    public Guid TenantId { get; init; }
    public required string DeploymentName { get; init; }
    public Guid ModelVersionId { get; init; }
    public long Predictions { get; init; }
    public DateTimeOffset WindowStart { get; init; }
    public DateTimeOffset WindowEnd { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public static UsageRecord From(PredictionsServed usage, DateTimeOffset now)
    {
        if (usage.Predictions <= 0)
            throw new InvalidUsageException(usage.UsageId, $"predictions must be positive, was {usage.Predictions}");
        if (usage.WindowEnd < usage.WindowStart)
            throw new InvalidUsageException(usage.UsageId, "the window ends before it starts");
        if (string.IsNullOrWhiteSpace(usage.DeploymentName))
            throw new InvalidUsageException(usage.UsageId, "the deployment is not named");

        return new UsageRecord
        {
            UsageId = usage.UsageId,
            TenantId = usage.TenantId,
            DeploymentName = usage.DeploymentName,
            ModelVersionId = usage.ModelVersionId,
            Predictions = usage.Predictions,
            WindowStart = usage.WindowStart,
            WindowEnd = usage.WindowEnd,
            RecordedAt = now,
        };
    }
}

/// <summary>The usage itself is wrong: no retry can bill it, so it goes straight to the error queue with this reason.</summary>
public sealed class InvalidUsageException(Guid usageId, string reason)
    : PermanentMessageException($"Usage {usageId} cannot be billed: {reason}");
