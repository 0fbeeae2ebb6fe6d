namespace Platform.Benchmarks;

/// <summary>
/// Deterministic synthetic tables, column-major (double[column][row]): a "reference" table of varied
/// distributions (normal, lognormal, uniform, exponential, bimodal, integer and binary columns with
/// many ties, ~2 % NaN in some columns) and a "current" table drawn afresh from the same
/// distributions with some columns shifted (<see cref="ShiftInSds"/>).
/// </summary>
public static class SyntheticTables
{
    private const double MissingRate = 0.02;

    public static (double[][] Reference, double[][] Current) Generate(int rows, int columns, int seed)
    {
        var reference = new double[columns][];
        var current = new double[columns][];
        Parallel.For(0, columns, c =>
        {
            reference[c] = Column(c, rows, new Random(seed + 2 * c));
            current[c] = Column(c, rows, new Random(seed + 2 * c + 1));
            var shift = ShiftInSds(c);
            if (shift != 0)
            {
                var by = shift * StandardDeviation(reference[c]);
                var values = current[c];
                for (var r = 0; r < values.Length; r++) values[r] += by; // NaN stays NaN
            }
        });
        return (reference, current);
    }

    /// <summary>How far the current table's column is shifted, in the reference column's standard deviations.</summary>
    public static double ShiftInSds(int column) => column switch
    {
        _ when column % 10 == 3 => 2,     // normal with missing values
        _ when column % 20 == 1 => 2,     // lognormal
        _ when column % 20 == 4 => 2,     // integers with ties
        _ when column % 20 == 9 => 2,     // uniform integers
        _ when column % 20 == 10 => 0.25, // normal: a moderate drift, PSI ≈ 0.06
        _ => 0,
    };

    public static string Describe(int column) => (column % 10) switch
    {
        0 => "normal",
        1 => "lognormal",
        2 => "uniform",
        3 => "normal, 2 % missing",
        4 => "rounded normal (integer ties)",
        5 => "exponential, 2 % missing",
        6 => "bimodal normal mixture",
        7 => "lognormal, 2 % missing",
        8 => "binary 0/1",
        _ => "uniform integers 0..999",
    };

    private static double[] Column(int column, int rows, Random random)
    {
        var values = new double[rows];
        var k = column / 10; // varies the parameters between columns of one kind
        switch (column % 10)
        {
            case 0: for (var r = 0; r < rows; r++) values[r] = k * 3.0 + (1 + k % 4) * Normal(random); break;
            case 1: for (var r = 0; r < rows; r++) values[r] = Math.Exp(0.5 + 0.2 * (k % 5) * Normal(random) + 0.3 * Normal(random)); break;
            case 2: for (var r = 0; r < rows; r++) values[r] = -k + (2 * k + 1) * random.NextDouble(); break;
            case 3: for (var r = 0; r < rows; r++) values[r] = random.NextDouble() < MissingRate ? double.NaN : 100 + 15 * Normal(random); break;
            case 4: for (var r = 0; r < rows; r++) values[r] = Math.Max(0, Math.Round(5 + (1 + k % 3) * Normal(random))); break;
            case 5: for (var r = 0; r < rows; r++) values[r] = random.NextDouble() < MissingRate ? double.NaN : -(1 + k % 3) * Math.Log(1 - random.NextDouble()); break;
            case 6: for (var r = 0; r < rows; r++) values[r] = (random.NextDouble() < 0.3 ? -2 : 3) + Normal(random); break;
            case 7: for (var r = 0; r < rows; r++) values[r] = random.NextDouble() < MissingRate ? double.NaN : Math.Exp((0.4 + 0.2 * (k % 5)) * Normal(random)); break;
            case 8: for (var r = 0; r < rows; r++) values[r] = random.NextDouble() < 0.3 ? 1 : 0; break;
            default: for (var r = 0; r < rows; r++) values[r] = random.Next(1000); break;
        }
        return values;
    }

    private static double Normal(Random random)
    {
        // Box–Muller; 1 − U keeps the logarithm's argument in (0, 1].
        var u = 1 - random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble());
    }

    private static double StandardDeviation(double[] values)
    {
        double sum = 0, sumSquares = 0;
        long n = 0;
        foreach (var v in values)
        {
            if (double.IsNaN(v)) continue;
            sum += v;
            sumSquares += v * v;
            n++;
        }
        var mean = sum / n;
        return Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean));
    }
}
