using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Platform.Benchmarks;

/// <summary>
/// The quantization benchmarks' job: in the host process (as <see cref="ServingBenchmarks"/>, for
/// the same reasons: libLibTorchSharp's GLIBCXX fix, no second build), 30 iterations after 5 warm-ups
/// so that a shared 2-core host's noise shows in the Error and StdDev columns, and the median beside
/// the mean, which a burst of someone else's build moves less.
/// </summary>
public sealed class QuantizationConfig : ManualConfig
{
    public QuantizationConfig()
    {
        AddJob(Job.Default
            .WithWarmupCount(5).WithIterationCount(30)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("InProcess"));
        AddColumn(StatisticColumn.Median);
    }
}
