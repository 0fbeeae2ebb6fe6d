using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Platform.Contracts.Solutions;
using Platform.Tabular;

namespace Platform.Benchmarks;

/// <summary>
/// What searching every value for personal data (ADR 27) adds to profiling an upload, which reads
/// every cell once anyway: each sample file, and the reviews' free text (the most text to search),
/// profiled with and without the search.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
public class ProfilingBenchmarks
{
    private byte[] _file = [];

    [Params("finance-credit.csv", "retail-churn.csv", "retail-reviews-train.csv")]
    public string File { get; set; } = "";

    [Params(false, true)]
    public bool PersonalData { get; set; }

    [GlobalSetup]
    public void Setup() => _file = System.IO.File.ReadAllBytes(SampleDatasetFiles.PathOf(File));

    [Benchmark]
    public DatasetProfile Profile() => DatasetProfiler.Profile(CsvTableReader.Open(new MemoryStream(_file)), PersonalData);
}
