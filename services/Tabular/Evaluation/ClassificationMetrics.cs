namespace Platform.Tabular.Evaluation;

/// <summary>Binary classification quality on held-out rows; the threshold metrics call p &gt; 0.5 positive.</summary>
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
