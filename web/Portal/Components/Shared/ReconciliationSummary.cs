using System.Globalization;
using Platform.Contracts.Api.Billing;

namespace Platform.Portal.Components.Shared;

/// <summary>
/// The latest reconciliation of billed with served usage as one sentence on the usage page: when it
/// ran and whether every served prediction is billed, or what was re-sent, or what is apart.
/// Times are the portal's local time, as elsewhere on its pages.
/// </summary>
public static class ReconciliationSummary
{
    public static string Describe(UsageReconciliationRunResponse? run, DateTimeOffset now)
    {
        if (run is null) return "Usage has not been reconciled with serving yet.";
        var at = $"Usage reconciled with serving {When(run.ReconciledAt, now)}";
        var missing = run.Gaps.Where(g => g.Action == "Resend").Sum(g => Math.Max(0, g.ServedPredictions - g.BilledPredictions));
        return run.Outcome switch
        {
            "Matched" when run.ServedPredictions == 0 => $"{at}: no predictions served, none billed.",
            "Matched" => $"{at}: all {Predictions(run.ServedPredictions)} billed.",
            "Resent" => $"{at}: {Predictions(run.ResentPredictions)} missing from billing {(run.ResentPredictions == 1 ? "was" : "were")} re-sent; all {Predictions(run.ServedPredictions)} billed.",
            "Resending" => $"{at}: {Predictions(missing)} missing from billing, being re-sent.",
            _ => $"{at}: {Predictions(run.ServedPredictions)} served, {(run.BilledPredictions + run.ResentPredictions).ToString("N0", CultureInfo.InvariantCulture)} billed; the hours apart are below, reported for a look.",
        };
    }

    /// <summary>The range a run compared, for the line under the sentence.</summary>
    public static string Range(UsageReconciliationRunResponse run) =>
        $"Compared hour by hour: served and billed usage from {Local(run.From):MMM d HH:mm} to {Local(run.Until):MMM d HH:mm}.";

    /// <summary>What a gap's hour came to: re-sent (and what that added) or reported.</summary>
    public static string Action(UsageGapResponse gap) => gap.Action switch
    {
        "Resend" when gap.BilledPredictionsAfter is null => "being re-sent",
        "Resend" when gap.BilledPredictionsAfter == gap.ServedPredictions => $"re-sent: {Predictions(gap.ResentPredictions)} added",
        "Resend" => $"re-sent: {Predictions(gap.ResentPredictions)} added, billed {gap.BilledPredictionsAfter:N0}: reported",
        _ => "more billed than served: reported",
    };

    private static string When(DateTimeOffset at, DateTimeOffset now) =>
        Local(at).Date == Local(now).Date ? $"at {Local(at):HH:mm}" : $"on {Local(at):MMM d} at {Local(at):HH:mm}";

    private static DateTimeOffset Local(DateTimeOffset at) => at.ToLocalTime();

    private static string Predictions(long count) =>
        count == 1 ? "1 prediction" : $"{count.ToString("N0", CultureInfo.InvariantCulture)} predictions";
}
