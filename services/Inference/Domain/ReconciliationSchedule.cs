namespace Platform.Inference.Domain;

/// <summary>
/// When the next periodic reconciliation is due: one row every replica shares. The replica whose
/// update moves it forward runs the reconciliation; the others find it not due and skip, so
/// replicas do not reconcile the same usage several times an interval.
/// </summary>
public sealed class ReconciliationSchedule
{
    public const int SingleRowId = 1;

    public int Id { get; init; }
    public DateTimeOffset NextRunAt { get; set; }
}
