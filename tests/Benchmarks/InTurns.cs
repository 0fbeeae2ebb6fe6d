namespace Platform.Benchmarks;

/// <summary>
/// Two runs timed in turns, a different one first each round, exactly as Compression times a
/// variant and its parent: a shared host's load falls on both alike, which BenchmarkDotNet's one
/// method after the other cannot promise. The setups print these medians beside its table.
/// </summary>
public static class InTurns
{
    public static (double FirstMicroseconds, double SecondMicroseconds) Medians(Action first, Action second, int rounds = 4000)
    {
        var medians = Platform.Modeling.Evaluation.LatencyMeasurement.MediansInTurns([first, second], rounds);
        return (medians[0] * 1000, medians[1] * 1000);
    }
}
