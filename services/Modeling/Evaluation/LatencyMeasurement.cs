using System.Diagnostics;
using Platform.Modeling.Onnx;
using Platform.Tabular;

namespace Platform.Modeling.Evaluation;

/// <summary>
/// The median wall time of one session run, at batch 1 and at batch 64, of one or more classifiers
/// measured in turns: each round runs every classifier once on the same prepared batch, a different
/// one first each round, so that load elsewhere on the machine, or caches warmed by the previous run,
/// fall on all of them alike. Inputs are tensors built beforehand (<see cref="PreparedBatch"/>).
/// Comparing files, the measurement is made <see cref="Repeats"/> times and the middle one by the
/// last file's ratio to the first's is kept (ADR 15).
/// </summary>
internal static class LatencyMeasurement
{
    /// <summary>Distinct batches cycled through, so that no single row's values decide the figure.</summary>
    private const int Batches = 16;
    private const int WarmUpRounds = 20;

    /// <summary>What one measurement may take when its runs are slow; the fast ones run every round asked for.</summary>
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(3);

    private const int MinimumRounds = 5;

    /// <summary>A run this slow is measured once, not three times (see <see cref="Repeats"/>).</summary>
    private const double SlowRunMs = 20;

    /// <summary>
    /// Under a load average of 30 to 70 on 2 cores, 3 of 32 measurements of files that run the same
    /// graph put them 4 to 8 % apart at batch 1 (the other 29 within 1.7 %): the middle of three
    /// measurements is that far off only if two of them are.
    /// </summary>
    private const int Repeats = 3;

    public static (double Batch1Ms, double Batch64Ms)[] Medians(IReadOnlyList<OnnxClassifier> classifiers, ColumnarTable data, int[] rows, int rounds)
    {
        // As many rounds at 64 as at 1: a batch of 64 varies more from run to run on a shared host
        // (its 90th percentile is twice its 10th), and the median's error shrinks only with rounds.
        var batch1 = Medians(classifiers, data, rows, 1, rounds);
        var batch64 = Medians(classifiers, data, rows, 64, rounds);
        return batch1.Zip(batch64).ToArray();
    }

    /// <summary>The median of each run's wall time in milliseconds, the runs timed in turns, a different one first each round.</summary>
    public static double[] MediansInTurns(IReadOnlyList<Action> runs, int rounds)
    {
        // The garbage of reading the dataset and building the variant is collected now, not by a
        // background collection competing for a core in the middle of the runs.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // A transformer's batch of 64 takes about a second: its rounds are as many as fit in the time
        // budget (at least MinimumRounds), so measuring it costs seconds, not minutes (ADR 32).
        var first = Stopwatch.GetTimestamp();
        foreach (var run in runs) run();
        var roundMs = Math.Max(1e-3, Stopwatch.GetElapsedTime(first).TotalMilliseconds);
        rounds = Math.Clamp((int)(TimeBudget.TotalMilliseconds / roundMs), Math.Min(rounds, MinimumRounds), rounds);
        var warmUp = Math.Min(WarmUpRounds - 1, rounds / 2);
        for (var round = 0; round < warmUp; round++)
            foreach (var run in runs) run();

        var times = runs.Select(_ => new double[rounds]).ToArray();
        for (var round = 0; round < rounds; round++)
            for (var turn = 0; turn < runs.Count; turn++)
            {
                var r = (round + turn) % runs.Count;
                var begin = Stopwatch.GetTimestamp();
                runs[r]();
                times[r][round] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
            }
        return times.Select(Median).ToArray();
    }

    private static double[] Medians(IReadOnlyList<OnnxClassifier> classifiers, ColumnarTable data, int[] rows, int batch, int rounds)
    {
        var size = Math.Min(batch, rows.Length);
        var starts = Enumerable.Range(0, Batches).Select(b => b * size % Math.Max(1, rows.Length - size + 1)).ToArray();
        var prepared = classifiers.Select(c => starts.Select(start => c.Prepare(data, rows, start, size)).ToArray()).ToArray();
        try
        {
            var runs = classifiers.Select((classifier, c) =>
            {
                var next = 0;
                return (Action)(() =>
                {
                    classifier.Run(prepared[c][next]);
                    next = (next + 1) % Batches;
                });
            }).ToArray();
            if (runs.Length == 1) return MediansInTurns(runs, rounds);
            // A burst of load elsewhere skews a measurement of microsecond runs; runs of tens of
            // milliseconds (a transformer's) outlast the bursts, and three measurements would triple minutes.
            var first = MediansInTurns(runs, rounds);
            if (first.Max() >= SlowRunMs) return first;
            var repeats = Enumerable.Range(1, Repeats - 1).Select(_ => MediansInTurns(runs, rounds)).Prepend(first).ToArray();
            return repeats.OrderBy(m => m[^1] / m[0]).ElementAt(Repeats / 2);
        }
        finally
        {
            foreach (var batches in prepared)
                foreach (var b in batches) b.Dispose();
        }
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
    }
}
