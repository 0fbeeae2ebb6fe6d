using System.Diagnostics;
using Platform.Modeling.Onnx;
using Platform.Tabular;

namespace Platform.Modeling.Evaluation;

/// <summary>
/// The median wall time of one session run, at batch 1 and at batch 64, of one or more classifiers
/// measured in turns: each round runs every classifier once on the same prepared batch, a different
/// one first each round, so that load elsewhere on the machine, or caches warmed by the previous run,
/// fall on all of them alike. Inputs are tensors built beforehand (<see cref="PreparedBatch"/>).
/// </summary>
internal static class LatencyMeasurement
{
    /// <summary>Distinct batches cycled through, so that no single row's values decide the figure.</summary>
    private const int Batches = 16;
    private const int WarmUpRounds = 20;

    public static (double Batch1Ms, double Batch64Ms)[] Medians(IReadOnlyList<OnnxClassifier> classifiers, TabularData data, int[] rows, int rounds)
    {
        var batch1 = Medians(classifiers, data, rows, 1, rounds);
        // A batch of 64 runs several times longer, so fewer rounds give as steady a median.
        var batch64 = Medians(classifiers, data, rows, 64, Math.Max(20, rounds / 4));
        return batch1.Zip(batch64).ToArray();
    }

    private static double[] Medians(IReadOnlyList<OnnxClassifier> classifiers, TabularData data, int[] rows, int batch, int rounds)
    {
        var size = Math.Min(batch, rows.Length);
        var starts = Enumerable.Range(0, Batches).Select(b => b * size % Math.Max(1, rows.Length - size + 1)).ToArray();
        var prepared = classifiers.Select(c => starts.Select(start => c.Prepare(data, rows, start, size)).ToArray()).ToArray();
        try
        {
            for (var round = 0; round < WarmUpRounds; round++)
                for (var c = 0; c < classifiers.Count; c++) classifiers[c].Run(prepared[c][round % Batches]);

            var times = classifiers.Select(_ => new double[rounds]).ToArray();
            for (var round = 0; round < rounds; round++)
                for (var turn = 0; turn < classifiers.Count; turn++)
                {
                    var c = (round + turn) % classifiers.Count;
                    var begin = Stopwatch.GetTimestamp();
                    classifiers[c].Run(prepared[c][round % Batches]);
                    times[c][round] = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                }
            return times.Select(Median).ToArray();
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
