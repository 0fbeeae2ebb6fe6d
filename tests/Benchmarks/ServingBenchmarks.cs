using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Platform.Contracts.Solutions;
using Platform.Inference.Domain;
using Platform.Inference.Extensions;
using Platform.Inference.Serving;
using Platform.Modeling.Data;
using Platform.Modeling.Training;
using Platform.Tabular;

namespace Platform.Benchmarks;

/// <summary>
/// The drift-monitor target: the monitor costs at most 5 % of serving throughput. Each benchmark is
/// the serving core of one predict request as <c>PredictionsApi.Predict</c> runs it: read the JSON
/// instances into a batch, score it with a real ONNX session of a model trained on
/// finance-credit.csv, and (only with the monitor) bin the batch into the deployment's drift window.
/// Authorization, the database commit and the HTTP layer are left out, so the ratio is the monitor's
/// share of the work a replica cannot avoid: an upper bound on its share of a whole request.
/// <para>
/// <see cref="Sequential"/> is one request at a time; <see cref="Parallel"/> runs
/// <see cref="Threads"/> request loops at once on the one model and the one deployment window, whose
/// lock every batch takes: on a 2-core machine contention is the realistic risk. Closed windows are
/// drained in both variants (the recorder reads them in production), so both do the same extra work.
/// </para>
/// <para>
/// BenchmarkDotNet runs one method's iterations after the other's, so on a shared host the Ratio of
/// two whole-request methods moves with the background load (by ±15 % between runs on 2 cores);
/// <see cref="DriftMonitorOnly"/> is short and steady, and its Ratio is the monitor's share of
/// <see cref="WithoutDriftMonitor"/> to quote.
/// </para>
/// <para>
/// The benchmarks run in the host process (<see cref="InProcessConfig"/>): BenchmarkDotNet's
/// generated project does not import Directory.Build.targets, so its copy of libLibTorchSharp.so
/// would miss the GLIBCXX fix the training in <see cref="Setup"/> needs; and no second build of the
/// service graph is started beside other builds.
/// </para>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(InProcessConfig))]
public class ServingBenchmarks
{
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default
            .WithWarmupCount(5).WithIterationCount(30)
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithId("InProcess"));
    }

    public const string Sequential = "Sequential";
    public const string Parallel = "Parallel";
    public const int Threads = 2;
    /// <summary>Requests per loop and invocation in the parallel variant.</summary>
    public const int RequestsPerThread = 64;
    private const string Dataset = "finance-credit.csv";
    private const string Target = "Status";
    private const string PositiveClass = "bad";
    private const int Seed = 42;
    private const int GuardRows = 1_000;

    private readonly InferenceOptions _options = new();
    private OnnxScoringModel _scoring = null!;
    private LoadedModel _model = null!;
    private DriftMonitor _monitor = null!;
    private JsonElement[] _requests = [];
    private FeatureBatch[] _batches = [];
    private int _next;

    [Params(1, 64)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var data = ReadDataset();
        var table = TrainingTable.FromRows(data.Columns, data.Rows, Target, Seed);
        var trained = new TabularClassifierTrainer().Train(new TrainingRequest(table, Target, PositiveClass, null, Seed));
        var trainedIn = clock.Elapsed;

        var sessions = new OnnxSessionFactory(Options.Create(_options), NullLogger<OnnxSessionFactory>.Instance);
        _scoring = new OnnxScoringModel(sessions.Create(trained.OnnxModel));
        var drift = DriftReference.Match(trained.Reference, _scoring.Signature);
        if (drift.Columns.Length != trained.Reference.Features.Count)
            throw new InvalidOperationException($"Only {drift.Columns.Length} of the {trained.Reference.Features.Count} reference features match the model's inputs.");
        _model = new LoadedModel(new DeploymentKey(Guid.NewGuid(), "credit"), Guid.NewGuid(), 1, _scoring, drift);
        _monitor = new DriftMonitor(Options.Create(_options), TimeProvider.System);

        // The rows in a fixed random order (the file may be sorted), cut into requests of BatchSize.
        var rows = data.Rows.ToArray();
        new Random(Seed).Shuffle(rows);
        _requests = rows.Chunk(BatchSize).Where(chunk => chunk.Length == BatchSize)
            .Select(chunk => Instances(data.Columns, chunk, _scoring.Signature)).ToArray();
        _batches = _requests.Select(Read).ToArray();
        _next = 0;

        Guard(data.Columns, rows);
        Console.WriteLine($"// Setup: trained in {trainedIn.TotalSeconds:F1} s ({trained.Epochs} epochs, test ROC-AUC {trained.TestMetrics.RocAuc:F3}); " +
                          $"{_scoring.Signature.Inputs.Count} inputs, {drift.Columns.Length} drift features; ONNX on {sessions.ExecutionProvider}; " +
                          $"{_requests.Length} requests of {BatchSize}.");
    }

    [GlobalCleanup]
    public void Cleanup() => _scoring?.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory(Sequential)]
    public IReadOnlyList<Prediction> WithoutDriftMonitor()
    {
        var scored = Serve(NextRequest(), monitor: false);
        Drain();
        return scored;
    }

    [Benchmark, BenchmarkCategory(Sequential)]
    public IReadOnlyList<Prediction> WithDriftMonitor()
    {
        var scored = Serve(NextRequest(), monitor: true);
        Drain();
        return scored;
    }

    /// <summary>
    /// The monitor alone on batches read beforehand: its Ratio is the monitor's cost as a fraction of
    /// <see cref="WithoutDriftMonitor"/>, measured without the scoring's noise around it.
    /// </summary>
    [Benchmark, BenchmarkCategory(Sequential)]
    public int DriftMonitorOnly()
    {
        var batch = _batches[_next];
        _next = _next + 1 == _batches.Length ? 0 : _next + 1;
        _monitor.Observe(_model, batch, DriftSettings.Default);
        Drain();
        return batch.Count;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Threads * RequestsPerThread), BenchmarkCategory(Parallel)]
    public int WithoutDriftMonitorParallel() => ServeInParallel(monitor: false);

    [Benchmark(OperationsPerInvoke = Threads * RequestsPerThread), BenchmarkCategory(Parallel)]
    public int WithDriftMonitorParallel() => ServeInParallel(monitor: true);

    /// <summary>What <c>PredictionsApi.Predict</c> does between authorization and the database.</summary>
    private IReadOnlyList<Prediction> Serve(JsonElement instances, bool monitor)
    {
        var batch = Read(instances);
        var scored = _model.Model.Score(batch);
        if (monitor) _monitor.Observe(_model, batch, DriftSettings.Default);
        return scored;
    }

    private FeatureBatch Read(JsonElement instances) =>
        InstanceReader.TryRead(instances, _model.Model.Signature, _options.InstanceLimits(), out var batch) is { } invalid
            ? throw new InvalidOperationException($"Request refused: {invalid.Field} {invalid.Reason} (row {invalid.Row}).")
            : batch!;

    /// <summary>
    /// <see cref="Threads"/> loops of <see cref="RequestsPerThread"/> requests each, one on a pool
    /// thread and one on this one. The monitor's channel has a single reader, so closed windows are
    /// drained once both loops are done.
    /// </summary>
    private int ServeInParallel(bool monitor)
    {
        var first = _next;
        _next = (_next + Threads * RequestsPerThread) % _requests.Length;
        var others = new Task<int>[Threads - 1];
        for (var t = 1; t < Threads; t++)
        {
            var start = first + t * RequestsPerThread;
            others[t - 1] = Task.Run(() => Loop(start, monitor));
        }
        var predictions = Loop(first, monitor);
        foreach (var other in others) predictions += other.Result;
        Drain();
        return predictions;
    }

    private int Loop(int start, bool monitor)
    {
        var predictions = 0;
        for (var i = 0; i < RequestsPerThread; i++)
            predictions += Serve(_requests[(start + i) % _requests.Length], monitor).Count;
        return predictions;
    }

    private JsonElement NextRequest()
    {
        var request = _requests[_next];
        _next = _next + 1 == _requests.Length ? 0 : _next + 1;
        return request;
    }

    private void Drain()
    {
        while (_monitor.Closed.TryRead(out _)) { }
    }

    /// <summary>
    /// Keeps the benchmark honest: served through the same path with the monitor on, 1,000 rows of
    /// the training data must close at least one window, each with a finite PSI below 0.2 (stable)
    /// for every reference feature, and every request must be answered instance for instance.
    /// </summary>
    private void Guard(IReadOnlyList<string> columns, string?[][] rows)
    {
        const int GuardBatch = 50;
        var monitor = new DriftMonitor(Options.Create(_options), TimeProvider.System);
        foreach (var chunk in rows.Take(GuardRows).Chunk(GuardBatch))
        {
            var batch = Read(Instances(columns, chunk, _scoring.Signature));
            var scored = _model.Model.Score(batch);
            if (scored.Count != chunk.Length) throw new InvalidOperationException($"{scored.Count} predictions for {chunk.Length} instances.");
            monitor.Observe(_model, batch, DriftSettings.Default);
        }

        var closed = new List<ClosedWindow>();
        while (monitor.Closed.TryRead(out var window)) closed.Add(window);
        if (closed.Count == 0)
            throw new InvalidOperationException($"The drift monitor closed no window over {GuardRows} rows (window: {DriftSettings.Default.WindowRows} rows).");
        foreach (var window in closed)
        {
            if (window.Psi.Length != _model.Drift!.Columns.Length || window.Psi.Length == 0)
                throw new InvalidOperationException($"A closed window has {window.Psi.Length} PSI values for {_model.Drift!.Columns.Length} features.");
            for (var f = 0; f < window.Psi.Length; f++)
                if (!double.IsFinite(window.Psi[f]) || window.Psi[f] >= 0.2)
                    throw new InvalidOperationException($"Feature {window.Features[f]}: PSI {window.Psi[f]:G4} on training rows, expected finite and < 0.2.");
        }
        Console.WriteLine($"// Guard passed: {closed.Count} windows closed over {GuardRows} training rows; " +
                          $"max PSI {closed.Max(w => w.Psi.Max()):G3} ({string.Join(", ", closed.Select(w => $"{w.Rows} rows"))}).");
    }

    /// <summary>A request's <c>instances</c> array: every column but the target, numbers as JSON numbers, missing as null.</summary>
    private static JsonElement Instances(IReadOnlyList<string> columns, IEnumerable<string?[]> rows, ModelSignature signature)
    {
        var numeric = signature.Inputs.Where(i => i.Kind == FeatureKind.Numeric).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                for (var c = 0; c < columns.Count; c++)
                {
                    if (columns[c] == Target) continue;
                    var cell = row[c];
                    if (cell is null) json.WriteNull(columns[c]);
                    else if (numeric.Contains(columns[c]) && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
                        json.WriteNumber(columns[c], number);
                    else json.WriteString(columns[c], cell);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    private static TabularData ReadDataset()
    {
        using var stream = File.OpenRead(SampleDatasetFiles.PathOf(Dataset));
        return CsvTableReader.ReadAll(stream);
    }
}
