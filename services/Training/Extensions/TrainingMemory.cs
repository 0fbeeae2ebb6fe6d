using Platform.Tabular;

namespace Platform.Training.Extensions;

/// <summary>
/// What one training job may hold in its large allocations (ADR 20): the dataset as typed columns,
/// the labels and split, and the network's inputs. A job that needs more fails with a reason naming
/// this setting instead of exhausting the worker. A job also holds what the budget does not count
/// (libtorch, ONNX Runtime, the network), about 250 MiB on the samples.
/// </summary>
public sealed class TrainingMemory
{
    public const string Section = "Training";

    /// <summary>
    /// 1 GiB: about 10 million rows of 20 numeric columns with a 30-wide network input, or
    /// 1.7 million rows of the churn sample (20 columns, 69 inputs after one-hot encoding).
    /// </summary>
    public int MemoryBudgetMiB { get; set; } = 1024;

    public MemoryBudget NewBudget() => MemoryBudget.FromMebibytes(MemoryBudgetMiB, "training job", $"{Section}:{nameof(MemoryBudgetMiB)}");
}
