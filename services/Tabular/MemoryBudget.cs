using System.Globalization;

namespace Platform.Tabular;

/// <summary>
/// The bytes one job may hold in its large allocations (typed columns, network inputs), named by the
/// setting that grants them. Each allocation is reserved before it is made, as soon as its size is
/// known; one that would pass the budget is refused with a reason naming the need, the budget and the
/// setting, so a job too large fails with that reason instead of taking the worker down. Not
/// thread-safe: one job reserves from its own budget.
/// </summary>
public sealed class MemoryBudget
{
    private const long Mebibyte = 1 << 20;

    /// <param name="bytes">What the job may reserve.</param>
    /// <param name="job">The job in words, e.g. "training job".</param>
    /// <param name="setting">The setting that sets <paramref name="bytes"/>, e.g. <c>Training:MemoryBudgetMiB</c>.</param>
    public MemoryBudget(long bytes, string job, string setting)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        Bytes = bytes;
        Job = job;
        Setting = setting;
    }

    /// <summary>No limit: tools and tests that read a file they chose.</summary>
    public static MemoryBudget Unlimited() => new(long.MaxValue, "job", "none");

    public static MemoryBudget FromMebibytes(int mebibytes, string job, string setting) => new(mebibytes * Mebibyte, job, setting);

    public long Bytes { get; }
    public string Job { get; }
    public string Setting { get; }
    public long Reserved { get; private set; }
    public long Remaining => Bytes - Reserved;

    /// <summary>
    /// Reserves <paramref name="bytes"/> or refuses. <paramref name="need"/> says what needs them and how
    /// many (use <see cref="InMebibytes"/>), e.g. "the dataset needs 1,730 MiB as typed columns (…)".
    /// </summary>
    public void Reserve(long bytes, string need)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (bytes > Remaining) throw Refusal(need, Reserved);
        Reserved += bytes;
    }

    /// <summary>
    /// Gives back <paramref name="bytes"/> a finished step reserved and no longer holds: its native
    /// memory is freed and its arrays are garbage the runtime collects before it would fail the next
    /// step's allocations. Training uses it between model families, which need the most of one, not the sum.
    /// </summary>
    public void Release(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, Reserved);
        Reserved -= bytes;
    }

    /// <summary>
    /// The refusal of <paramref name="need"/>, for a caller that finds it over budget before it knows
    /// the exact bytes; <paramref name="held"/> is what the job held before that need.
    /// </summary>
    public MemoryBudgetExceededException Refusal(string need, long held)
    {
        var besides = held > 0 ? $", besides the {InMebibytes(held)} the job already holds" : "";
        return new MemoryBudgetExceededException(
            $"{need}{besides}; the {Job}'s memory budget is {InMebibytes(Bytes)} ({Setting})", Bytes, Setting);
    }

    /// <summary>Whole mebibytes, rounded up so that a need just over the budget never reads as equal to it.</summary>
    public static string InMebibytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{(bytes + Mebibyte - 1) / Mebibyte:N0} MiB");

    /// <summary>Whole mebibytes rounded down, for "more than": a need found to pass the budget before it is known whole.</summary>
    public static string InWholeMebibytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / Mebibyte:N0} MiB");
}
