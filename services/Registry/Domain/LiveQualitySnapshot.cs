namespace Platform.Registry.Domain;

/// <summary>What Inference last measured of a model version on ground truth: labelled rows, ROC-AUC (R² for a regression), accuracy (none for a regression).</summary>
public sealed class LiveQualitySnapshot
{
    public Guid ModelVersionId { get; set; }
    public long LabelledRows { get; set; }
    public double? RocAuc { get; set; }
    public double? Accuracy { get; set; }
    public DateTimeOffset MeasuredAt { get; set; }
}
