using Platform.Tabular;

namespace Platform.Compression.Extensions;

/// <summary>
/// What one compression job may hold in its large allocations (ADR 20): the dataset as typed columns
/// and the labels and split of its test rows. A job that needs more fails with a reason naming this
/// setting instead of exhausting the worker.
/// </summary>
public sealed class CompressionMemory
{
    public const string Section = "Compression";

    /// <summary>1 GiB: some 10 million rows like the churn sample's (81 bytes a row as typed columns, 16 for labels and split).</summary>
    public int MemoryBudgetMiB { get; set; } = 1024;

    public MemoryBudget NewBudget() => MemoryBudget.FromMebibytes(MemoryBudgetMiB, "compression job", $"{Section}:{nameof(MemoryBudgetMiB)}");
}
