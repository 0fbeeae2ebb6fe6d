using Platform.Contracts.Billing;

namespace Platform.Billing.Domain;

/// <summary>
/// One comparison of what Inference served to a tenant with what billing applied, over
/// [<see cref="From"/>, <see cref="Until"/>), and how it ended: every result is kept, matched or not.
/// </summary>
public sealed class UsageReconciliation
{
    public Guid Id { get; init; }
    public Guid TenantId { get; init; }
    public DateTimeOffset From { get; init; }
    public DateTimeOffset Until { get; init; }
    public DateTimeOffset ReconciledAt { get; init; }
    public long ServedPredictions { get; init; }
    public long BilledPredictions { get; init; }
    public ReconciliationOutcome Outcome { get; private set; }
    public long ResentPredictions { get; private set; }
    /// <summary>Re-sent parts applied, all hours together; every part changes this row, so parts applied at once conflict rather than lose one another.</summary>
    public int PartsReceived { get; private set; }
    public List<UsageGap> Gaps { get; init; } = [];

    /// <summary>Billing now agrees with serving over the range: nothing was missing, or all of it was re-sent.</summary>
    public bool Matched => Outcome is ReconciliationOutcome.Matched or ReconciliationOutcome.Resent;

    public IEnumerable<UsageGap> GapsToResend() => Gaps.Where(g => g.Action == GapAction.Resend);

    public static UsageReconciliation Compare(ReconcileUsage served, IReadOnlyList<HourlyUsage> billed, DateTimeOffset now)
    {
        var servedHours = served.Hours.Select(h => new HourlyUsage(h.DeploymentName, h.HourStart, h.UsageRecords, h.Predictions)).ToArray();
        var reconciliation = new UsageReconciliation
        {
            Id = served.ReconciliationId,
            TenantId = served.TenantId,
            From = served.From,
            Until = served.Until,
            ReconciledAt = now,
            ServedPredictions = servedHours.Sum(h => h.Predictions),
            BilledPredictions = billed.Sum(h => h.Predictions),
            Gaps = [.. UsageComparison.Compare(servedHours, billed).Select(g => UsageGap.From(served.ReconciliationId, g))],
        };
        reconciliation.Settle();
        return reconciliation;
    }

    public UsageGap? GapAt(string deploymentName, DateTimeOffset hourStart) =>
        Gaps.FirstOrDefault(g => g.Action == GapAction.Resend && g.DeploymentName == deploymentName && g.HourStart == hourStart);

    /// <summary>
    /// Applies one re-sent part of a gap: the usage it added (absent before, by usage id) and, with
    /// the hour's last part, billing's recount of the hour, which decides whether the gap closed.
    /// </summary>
    public void ApplyResentPart(UsageGap gap, int parts, long addedRecords, long addedPredictions, HourlyUsage? billedAfter)
    {
        if (!Gaps.Contains(gap)) throw new ArgumentException("The gap belongs to another reconciliation.", nameof(gap));
        gap.ApplyPart(parts, addedRecords, addedPredictions, billedAfter);
        PartsReceived++;
        ResentPredictions += addedPredictions;
        Settle();
    }

    /// <summary>
    /// An hour with more billed than served makes a mismatch from the start (it is reported, not
    /// corrected). Otherwise the outcome waits for every re-sent hour, then says whether they all agree.
    /// </summary>
    private void Settle() => Outcome =
        Gaps.Count == 0 ? ReconciliationOutcome.Matched
        : Gaps.Any(g => g.Action == GapAction.Report) ? ReconciliationOutcome.Mismatch
        : !Gaps.All(g => g.ResendComplete) ? ReconciliationOutcome.Resending
        : !Gaps.All(g => g.AgreesAfterResend) ? ReconciliationOutcome.Mismatch
        : ResentPredictions > 0 ? ReconciliationOutcome.Resent
        : ReconciliationOutcome.Matched; // what looked missing had arrived late, before the re-send
}
