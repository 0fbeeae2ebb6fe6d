namespace Platform.Contracts.Api.Billing;

/// <summary>
/// How billing compares with what was served: the latest reconciliation (null before the first) and
/// the recent ones, newest first, each with its per-hour gaps.
/// </summary>
public sealed record UsageReconciliationResponse(Guid TenantId, UsageReconciliationRunResponse? Last, IReadOnlyList<UsageReconciliationRunResponse> Recent);

/// <summary>
/// One reconciliation of served and billed usage over [<see cref="From"/>, <see cref="Until"/>).
/// <see cref="Outcome"/> is Matched (every hour agreed, or its gap had been filled by usage arriving
/// late), Resending (missing usage asked for again, not all back yet), Resent (missing usage sent
/// again and billed, now in agreement) or Mismatch (billing holds more than was served, or still less
/// after the re-send: reported, never corrected by deleting). <see cref="Matched"/> says whether
/// billing now agrees with serving over the range. Predictions are counted at the comparison;
/// <see cref="ResentPredictions"/> are those the re-send added.
/// </summary>
public sealed record UsageReconciliationRunResponse(
    Guid ReconciliationId,
    DateTimeOffset ReconciledAt,
    DateTimeOffset From,
    DateTimeOffset Until,
    string Outcome,
    bool Matched,
    long ServedPredictions,
    long BilledPredictions,
    long ResentPredictions,
    IReadOnlyList<UsageGapResponse> Gaps);

/// <summary>
/// One deployment's hour where billed and served usage differed at the comparison. <see cref="Action"/>
/// is Resend (billing had less: the hour's usage was asked for again) or Report (billing had more).
/// After a re-send, <see cref="BilledPredictionsAfter"/> is what billing holds for the hour.
/// </summary>
public sealed record UsageGapResponse(
    string Deployment,
    DateTimeOffset HourStart,
    long ServedRecords,
    long ServedPredictions,
    long BilledRecords,
    long BilledPredictions,
    string Action,
    long ResentRecords,
    long ResentPredictions,
    long? BilledPredictionsAfter);

/// <summary>A reconciliation was asked for; it appears under this id once billing has compared.</summary>
public sealed record UsageReconciliationRequestedResponse(Guid ReconciliationId, DateTimeOffset RequestedAt);
