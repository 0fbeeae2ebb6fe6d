namespace Platform.Billing.Domain;

/// <summary>
/// One deployment's hour where a reconciliation found billing and serving apart: both figures at the
/// comparison, the action taken and, for a re-send, what it added and what billing held once every
/// part had arrived.
/// </summary>
public sealed class UsageGap
{
    public Guid ReconciliationId { get; init; }
    public required string DeploymentName { get; init; }
    public DateTimeOffset HourStart { get; init; }
    public long ServedRecords { get; init; }
    public long ServedPredictions { get; init; }
    public long BilledRecords { get; init; }
    public long BilledPredictions { get; init; }
    public GapAction Action { get; init; }

    public int PartsReceived { get; private set; }
    public int? Parts { get; private set; }
    public long ResentRecords { get; private set; }
    public long ResentPredictions { get; private set; }
    public long? BilledRecordsAfter { get; private set; }
    public long? BilledPredictionsAfter { get; private set; }

    public bool ResendComplete => Parts is { } parts && PartsReceived >= parts;

    /// <summary>Billing holds exactly what was served in the hour once the re-send is in.</summary>
    public bool AgreesAfterResend => ResendComplete && BilledRecordsAfter == ServedRecords && BilledPredictionsAfter == ServedPredictions;

    /// <summary>Whether the part about to be applied is the hour's last.</summary>
    public bool IsLastPart(int parts) => PartsReceived + 1 >= parts;

    public static UsageGap From(Guid reconciliationId, HourGap gap) => new()
    {
        ReconciliationId = reconciliationId,
        DeploymentName = gap.Served.DeploymentName,
        HourStart = gap.Served.HourStart,
        ServedRecords = gap.Served.UsageRecords,
        ServedPredictions = gap.Served.Predictions,
        BilledRecords = gap.Billed.UsageRecords,
        BilledPredictions = gap.Billed.Predictions,
        Action = gap.Action ?? throw new ArgumentException("An hour where billing and serving agree is no gap.", nameof(gap)),
    };

    /// <summary>Counts one re-sent part and what it added; the last part brings billing's recount of the hour.</summary>
    internal void ApplyPart(int parts, long addedRecords, long addedPredictions, HourlyUsage? billedAfter)
    {
        Parts = parts;
        PartsReceived++;
        ResentRecords += addedRecords;
        ResentPredictions += addedPredictions;
        if (billedAfter is not null) (BilledRecordsAfter, BilledPredictionsAfter) = (billedAfter.UsageRecords, billedAfter.Predictions);
    }
}
