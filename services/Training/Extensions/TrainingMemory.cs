using Platform.Tabular;

namespace Platform.Training.Extensions;

/// <summary>
/// What one training job may hold in its large allocations (ADR 20): the dataset as typed columns,
/// the labels and split, the network's inputs and the activations of the rows evaluated at once. A
/// job that needs more fails with a reason naming this setting instead of exhausting the worker. The
/// process holds more than the budget counts: the runtime, libtorch and ONNX Runtime take about
/// 200 MiB of the 220 MiB a sample's training peaks at.
/// </summary>
public sealed class TrainingMemory
{
    public const string Section = "Training";

    /// <summary>
    /// 1 GiB: about 900,000 rows like the churn sample's (20 columns, 77 inputs after one-hot
    /// encoding: 1.2 KB a row, 81 bytes of it the typed columns) or 1.4 million like the finance
    /// sample's (770 bytes a row).
    /// </summary>
    public int MemoryBudgetMiB { get; set; } = 1024;

    public MemoryBudget NewBudget() => MemoryBudget.FromMebibytes(MemoryBudgetMiB, "training job", $"{Section}:{nameof(MemoryBudgetMiB)}");
}
