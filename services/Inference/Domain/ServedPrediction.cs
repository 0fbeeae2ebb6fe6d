namespace Platform.Inference.Domain;

/// <summary>
/// One answered instance, kept (bounded per deployment) so that ground truth sent later can be
/// joined to what the model saw and said: the model's inputs as the caller sent them, the positive
/// class's probability (a regression's value), and the label once feedback names it.
/// </summary>
public sealed class ServedPrediction
{
    public Guid Id { get; init; }
    public Guid TenantId { get; init; }
    public required string DeploymentName { get; init; }
    public Guid ModelVersionId { get; init; }
    /// <summary>A JSON object of the model's inputs, each as sent; nothing else the caller sent (<c>ServedInstance</c>).</summary>
    public required string Instance { get; init; }
    /// <summary>
    /// The positive class's probability (binary), the predicted class's (multiclass) or, for a
    /// regression model, the predicted value in the target's units (ADR 31): the one number live
    /// quality compares with the label. The column keeps its name so that no migration is needed.
    /// </summary>
    public double PositiveProbability { get; init; }
    public required string PredictedLabel { get; init; }
    public DateTimeOffset ServedAt { get; init; }
    public string? Label { get; private set; }
    public DateTimeOffset? LabelledAt { get; private set; }

    /// <summary>Records the true label; false when it was already this label (feedback sent twice changes nothing).</summary>
    public bool Confirm(string label, DateTimeOffset now)
    {
        if (Label == label) return false;
        Label = label;
        LabelledAt = now;
        return true;
    }
}
