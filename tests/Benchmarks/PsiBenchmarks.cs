using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Platform.Tabular.Drift;

namespace Platform.Benchmarks;

/// <summary>
/// The drift-check target: PSI over 356,000 rows × 100 numeric columns in under 10 s on a 2-core
/// machine. <see cref="EndToEnd"/> (fit the reference, bin the current table, compute PSI) is the
/// figure to quote; <see cref="FitReference"/> and <see cref="PsiAgainstReference"/> split it.
/// The library works one column at a time; spreading columns over cores is the caller's job, so
/// each method runs both ways (<see cref="Columns"/>).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PsiBenchmarks
{
    public const int RowCount = 356_000;
    public const int ColumnCount = 100;

    public enum Orchestration { Sequential, Parallel }

    private double[][] _reference = [];
    private double[][] _current = [];
    private string[] _names = [];
    private ReferenceStatistics _fitted = null!;

    [Params(Orchestration.Sequential, Orchestration.Parallel)]
    public Orchestration Columns { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _names = Enumerable.Range(0, ColumnCount).Select(c => $"f{c:D3}").ToArray();
        (_reference, _current) = SyntheticTables.Generate(RowCount, ColumnCount, seed: 20_240_601);
        var generated = clock.Elapsed;
        _fitted = Fit(_reference, parallel: true);
        Guard();
        Console.WriteLine($"// Setup: tables generated in {generated.TotalSeconds:F1} s, fit and guard in {(clock.Elapsed - generated).TotalSeconds:F1} s.");
    }

    [Benchmark]
    public ReferenceStatistics FitReference() => Fit(_reference, Columns == Orchestration.Parallel);

    [Benchmark]
    public double[] PsiAgainstReference() => Psi(_fitted, _current, Columns == Orchestration.Parallel);

    [Benchmark]
    public double[] EndToEnd()
    {
        var parallel = Columns == Orchestration.Parallel;
        return Psi(Fit(_reference, parallel), _current, parallel);
    }

    private ReferenceStatistics Fit(double[][] table, bool parallel)
    {
        var features = new FeatureReference[table.Length];
        if (parallel)
            Parallel.For(0, table.Length, c => features[c] = FeatureReference.FitNumeric(_names[c], table[c]));
        else
            for (var c = 0; c < table.Length; c++) features[c] = FeatureReference.FitNumeric(_names[c], table[c]);
        return new ReferenceStatistics(table[0].Length, features);
    }

    /// <summary>
    /// Bins every column of <paramref name="table"/> and returns each column's PSI. BinCounts is not
    /// thread-safe, so the parallel path gives each worker its own and sums them at the end (a
    /// features × bins merge, nothing next to binning 35.6 M values).
    /// </summary>
    private static double[] Psi(ReferenceStatistics reference, double[][] table, bool parallel)
    {
        var total = new BinCounts(reference);
        if (parallel)
        {
            var gate = new object();
            Parallel.For(0, table.Length,
                () => new BinCounts(reference),
                (c, _, local) => { local.AddNumeric(c, table[c]); return local; },
                local =>
                {
                    lock (gate)
                        for (var f = 0; f < local.Counts.Length; f++)
                        {
                            var from = local.Counts[f];
                            var into = total.Counts[f];
                            for (var b = 0; b < from.Length; b++) into[b] += from[b];
                        }
                });
        }
        else
        {
            for (var c = 0; c < table.Length; c++) total.AddNumeric(c, table[c]);
        }
        total.AddRows(table[0].Length);
        return total.Psi();
    }

    /// <summary>
    /// Keeps the benchmark honest: the reference against itself and an unshifted fresh sample must
    /// be stable (PSI &lt; 0.01), and every column shifted by +2 standard deviations must be flagged
    /// (PSI &gt; 1), whatever its distribution; a +0.25 sd shift of a normal column is a moderate change
    /// in between. The sequential and parallel binning must agree exactly.
    /// </summary>
    private void Guard()
    {
        var self = Psi(_fitted, _reference, parallel: true);
        var current = Psi(_fitted, _current, parallel: true);
        if (!current.SequenceEqual(Psi(_fitted, _current, parallel: false)))
            throw new InvalidOperationException("The sequential and parallel PSI differ.");

        var shifted = 0;
        for (var c = 0; c < ColumnCount; c++)
        {
            if (self[c] >= 0.01)
                throw new InvalidOperationException($"Column {c} ({SyntheticTables.Describe(c)}): PSI {self[c]:G4} of the reference against itself, expected < 0.01.");
            var shift = SyntheticTables.ShiftInSds(c);
            if (shift == 0 && current[c] >= 0.01)
                throw new InvalidOperationException($"Column {c} ({SyntheticTables.Describe(c)}): PSI {current[c]:G4} of an unshifted sample, expected < 0.01.");
            if (shift is > 0 and < 2 && current[c] is <= 0.01 or >= 1)
                throw new InvalidOperationException($"Column {c} ({SyntheticTables.Describe(c)}): PSI {current[c]:G4} after a +{shift} sd shift, expected between 0.01 and 1.");
            if (shift >= 2)
            {
                shifted++;
                if (current[c] <= 1)
                    throw new InvalidOperationException($"Column {c} ({SyntheticTables.Describe(c)}): PSI {current[c]:G4} after a +2 sd shift, expected > 1.");
            }
        }
        if (shifted == 0) throw new InvalidOperationException("No column is shifted by +2 sd, so the guard checks nothing.");

        var mild = Enumerable.Range(0, ColumnCount).Where(c => SyntheticTables.ShiftInSds(c) is > 0 and < 2).Select(c => current[c]).DefaultIfEmpty().Average();
        Console.WriteLine($"// Guard passed: max self-PSI {self.Max():G3}; unshifted max {Enumerable.Range(0, ColumnCount).Where(c => SyntheticTables.ShiftInSds(c) == 0).Max(c => current[c]):G3}; " +
                          $"+0.25 sd mean {mild:G3}; +2 sd min {Enumerable.Range(0, ColumnCount).Where(c => SyntheticTables.ShiftInSds(c) >= 2).Min(c => current[c]):G3} over {shifted} columns.");
    }
}
