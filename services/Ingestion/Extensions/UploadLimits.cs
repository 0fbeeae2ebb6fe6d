using Platform.ServiceDefaults.Http;
using Platform.Tabular;
using Platform.Tabular.Images;

namespace Platform.Ingestion.Extensions;

/// <summary>
/// What one upload (or derived version) may hold, so that no file exhausts the service or the
/// trainers that read it after it (README, "Limits"). A refusal names its limit as the property's
/// name in camel case, e.g. <c>maxColumns</c> for <c>Ingestion:Limits:MaxColumns</c>.
/// </summary>
public sealed class UploadLimits
{
    public const string Section = "Ingestion:Limits";

    /// <summary>
    /// Bytes of one upload's body, which is staged on disk whole before it is validated (2 GiB, as it
    /// was before it was a setting). The row limit usually binds first.
    /// </summary>
    public long MaxUploadBytes { get; set; } = 2L << 30;

    /// <summary>
    /// Columns in the header. Each one is profiled (up to 10,000 distinct values kept) and may become a
    /// model input; the sample datasets have at most 20.
    /// </summary>
    public int MaxColumns { get; set; } = 1_000;

    /// <summary>
    /// Characters in one value. The reader holds a record whole, and one unterminated quote would
    /// otherwise make the rest of the file one value; 10,000 admits free text (the longest value in the
    /// samples is a review of 8,055 characters).
    /// </summary>
    public int MaxFieldCharacters { get; set; } = 10_000;

    /// <summary>
    /// Data rows, the header not counted. Training and compression hold a version as typed columns
    /// (4 bytes a cell, each distinct text once: 81 MB for a million rows of the churn sample's 20
    /// columns) within their own memory budgets (<c>Training:MemoryBudgetMiB</c>,
    /// <c>Compression:MemoryBudgetMiB</c>), which refuse a job too large for them; the largest sample
    /// has 5,000 rows.
    /// </summary>
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>
    /// Images in one image archive. Training holds them decoded at their common shape (Fashion-MNIST's
    /// 70,000 of 28×28: 55 MB), within its memory budget.
    /// </summary>
    public int MaxImages { get; set; } = ImageLimits.Default.MaxImages;

    /// <summary>Pixels one image may claim in its header: it is refused before its canvas is allocated (25 M: a 5,000 × 5,000 photo).</summary>
    public long MaxImageSourcePixels { get; set; } = ImageLimits.Default.MaxSourcePixels;

    public CsvLimits ForReader() => new(MaxColumns, MaxFieldCharacters, MaxRows);

    public ImageLimits ForImages() => new(MaxImages, MaxImageSourcePixels);

    public ServiceLimit UploadBytes => new("maxUploadBytes", MaxUploadBytes);
}
