using MudBlazor;

namespace Platform.Portal.Components.Shared;

/// <summary>
/// How a retraining's outcome reads in the history: the registry's decision once there is one,
/// otherwise its state, so a retraining that failed before deciding is not "in progress" forever.
/// <see cref="Kind"/> is promoted, rejected, failed or in-progress, for a page's tests.
/// </summary>
public sealed record DecisionChip(string Label, Color Color, string Kind, string? Detail)
{
    public static DecisionChip For(string state, string? decision) => (decision ?? state) switch
    {
        "Promoted" => new("Promoted", Color.Success, "promoted", null),
        "Rejected" => new("Rejected", Color.Warning, "rejected", null),
        "Failed" => new("Failed", Color.Error, "failed", null),
        _ => new("in progress", Color.Info, "in-progress", Words(state)),
    };

    /// <summary>AwaitingFeedback → "awaiting feedback".</summary>
    public static string Words(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? $" {char.ToLowerInvariant(c)}" : char.ToLowerInvariant(c).ToString()));
}
