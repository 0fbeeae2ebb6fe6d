namespace Platform.Tabular.Evaluation;

/// <summary>
/// Classification quality on held-out rows. Binary: the threshold metrics call p &gt; 0.5 positive.
/// Multiclass (<see cref="Compute(IReadOnlyList{int}, IReadOnlyList{float}, int)"/>): ROC-AUC, precision,
/// recall and F1 are macro averages over the classes (one against the rest), the predicted class is
/// the likeliest, and log loss is the cross-entropy of the true class.
/// </summary>
public sealed record ClassificationMetrics(
    double RocAuc, double Accuracy, double Precision, double Recall, double F1, double LogLoss, int Rows)
{
    public const string RocAucKey = "rocAuc";

    public IReadOnlyDictionary<string, double> ToDictionary() => new Dictionary<string, double>
    {
        [RocAucKey] = RocAuc,
        ["accuracy"] = Accuracy,
        ["precision"] = Precision,
        ["recall"] = Recall,
        ["f1"] = F1,
        ["logLoss"] = LogLoss,
    };

    public static ClassificationMetrics Compute(IReadOnlyList<bool> actual, IReadOnlyList<float> positiveProbability)
    {
        if (actual.Count != positiveProbability.Count) throw new ArgumentException("One probability per label is needed.");
        if (actual.Count == 0) throw new ArgumentException("There are no rows to measure.");

        int tp = 0, fp = 0, tn = 0, fn = 0;
        double logLoss = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var p = Math.Clamp((double)positiveProbability[i], 1e-15, 1 - 1e-15);
            logLoss -= actual[i] ? Math.Log(p) : Math.Log(1 - p);
            var predicted = positiveProbability[i] > 0.5f;
            if (predicted && actual[i]) tp++;
            else if (predicted) fp++;
            else if (actual[i]) fn++;
            else tn++;
        }
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassificationMetrics(
            AreaUnderRoc(actual, positiveProbability), (double)(tp + tn) / actual.Count, precision, recall, f1, logLoss / actual.Count, actual.Count);
    }

    /// <summary>
    /// Quality of class probabilities: <paramref name="probabilities"/> is row-major [rows, <paramref name="classes"/>],
    /// <paramref name="actual"/> each row's class index. Two classes are measured as binary with
    /// class 1 positive, so a binary model's figures do not depend on which call measured them.
    /// </summary>
    public static ClassificationMetrics Compute(IReadOnlyList<int> actual, IReadOnlyList<float> probabilities, int classes)
    {
        CheckShape(actual, probabilities, classes);
        if (classes == 2) return Compute(actual.Select(a => a == 1).ToArray(), Column(probabilities, 2, 1));

        var (truePositives, predictedCounts, actualCounts) = (new int[classes], new int[classes], new int[classes]);
        double logLoss = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var predicted = 0;
            for (var c = 1; c < classes; c++)
                if (probabilities[i * classes + c] > probabilities[i * classes + predicted]) predicted = c;
            predictedCounts[predicted]++;
            actualCounts[actual[i]]++;
            if (predicted == actual[i]) truePositives[predicted]++;
            logLoss -= Math.Log(Math.Clamp((double)probabilities[i * classes + actual[i]], 1e-15, 1));
        }
        // Macro averages over the classes the rows hold: a class with no row has no recall to average.
        var perClass = Enumerable.Range(0, classes).Where(c => actualCounts[c] > 0).Select(c =>
        {
            var p = predictedCounts[c] == 0 ? 0 : (double)truePositives[c] / predictedCounts[c];
            var r = (double)truePositives[c] / actualCounts[c];
            return (Precision: p, Recall: r, F1: p + r == 0 ? 0 : 2 * p * r / (p + r));
        }).ToArray();
        return new ClassificationMetrics(
            AreaUnderRoc(actual, probabilities, classes), (double)truePositives.Sum() / actual.Count,
            perClass.Average(c => c.Precision), perClass.Average(c => c.Recall), perClass.Average(c => c.F1), logLoss / actual.Count, actual.Count);
    }

    /// <summary>
    /// ROC-AUC of class probabilities: binary, class 1's; else the mean over the classes of each one
    /// against the rest (macro), over the classes that have rows on both sides.
    /// </summary>
    public static double AreaUnderRoc(IReadOnlyList<int> actual, IReadOnlyList<float> probabilities, int classes)
    {
        CheckShape(actual, probabilities, classes);
        if (classes == 2) return AreaUnderRoc(actual.Select(a => a == 1).ToArray(), Column(probabilities, 2, 1));
        var areas = new List<double>(classes);
        for (var c = 0; c < classes; c++)
        {
            var isClass = actual.Select(a => a == c).ToArray();
            var count = isClass.Count(x => x);
            if (count == 0 || count == isClass.Length) continue;
            areas.Add(AreaUnderRoc(isClass, Column(probabilities, classes, c)));
        }
        if (areas.Count == 0) throw new ArgumentException("ROC-AUC needs rows of at least two classes.");
        return areas.Average();
    }

    /// <summary>Column <paramref name="column"/> of a row-major [rows, <paramref name="classes"/>] matrix.</summary>
    public static float[] Column(IReadOnlyList<float> probabilities, int classes, int column)
    {
        var values = new float[probabilities.Count / classes];
        for (var i = 0; i < values.Length; i++) values[i] = probabilities[i * classes + column];
        return values;
    }

    private static void CheckShape(IReadOnlyList<int> actual, IReadOnlyList<float> probabilities, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (probabilities.Count != actual.Count * classes) throw new ArgumentException($"{classes} probabilities per label are needed.");
        if (actual.Count == 0) throw new ArgumentException("There are no rows to measure.");
        if (actual.Any(a => a < 0 || a >= classes)) throw new ArgumentException($"A class index is outside 0–{classes - 1}.");
    }

    /// <summary>
    /// The probability that a random positive scores above a random negative (ties count half):
    /// the Mann-Whitney U statistic from average ranks.
    /// </summary>
    public static double AreaUnderRoc(IReadOnlyList<bool> actual, IReadOnlyList<float> score)
    {
        var order = Enumerable.Range(0, actual.Count).ToArray();
        Array.Sort(order, (a, b) => score[a].CompareTo(score[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && score[order[end + 1]].Equals(score[order[start]])) end++;
            var averageRank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
                if (actual[order[k]]) { positiveRankSum += averageRank; positives++; }
            start = end + 1;
        }
        long negatives = actual.Count - positives;
        if (positives == 0 || negatives == 0) throw new ArgumentException("ROC-AUC needs rows of both classes.");
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
