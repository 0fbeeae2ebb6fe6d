using Platform.Modeling.Onnx;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Platform.Tabular.Evaluation;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

public class SpikeCvTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("finance-credit.csv", "Status", "bad")]
    [InlineData("healthcare-diabetes.csv", "diabetes", "pos")]
    [InlineData("retail-churn.csv", "churn", "yes")]
    public void Spike(string file, string target, string positive)
    {
        foreach (var seed in new[] { 42, 7, 13 })
        {
            var request = Tables.Request(SharedDatasets.Read(file), target, positive, null, seed);
            var split = TrainingSplit.Prepare(request);
            var rows = split.TrainRows.Concat(split.ValidationRows).ToArray();
            var labels = split.TrainLabels.Concat(split.ValidationLabels).ToArray();
            var random = new Random(seed);
            var order = Enumerable.Range(0, rows.Length).ToArray();
            random.Shuffle(order);
            const int k = 5;
            var line = $"{file} seed {seed}:";
            foreach (var family in FamilySelectionTrainer.DefaultFamilies())
            {
                var oof = new float[rows.Length];
                var aucs = new List<double>();
                for (var f = 0; f < k; f++)
                {
                    var val = order.Where((_, i) => i % k == f).ToArray();
                    var tr = order.Where((_, i) => i % k != f).ToArray();
                    var fold = split.WithRows(tr.Select(i => rows[i]).ToArray(), tr.Select(i => labels[i]).ToArray(),
                        val.Select(i => rows[i]).ToArray(), val.Select(i => labels[i]).ToArray());
                    var fitted = family.Fit(fold);
                    using var c = new OnnxClassifier(fitted.OnnxModel);
                    var s = c.PredictPositive(split.Data, fold.ValidationRows);
                    aucs.Add(ClassificationMetrics.AreaUnderRoc(fold.ValidationLabels, s));
                    for (var j = 0; j < val.Length; j++) oof[val[j]] = s[j];
                }
                var holdout = family.Fit(split);
                using var hc = new OnnxClassifier(holdout.OnnxModel);
                var valAuc = ClassificationMetrics.AreaUnderRoc(split.ValidationLabels, hc.PredictPositive(split.Data, split.ValidationRows));
                var testAuc = ClassificationMetrics.AreaUnderRoc(split.TestLabels, hc.PredictPositive(split.Data, split.TestRows));
                var full = family.Fit(split.WithRows(rows, labels, split.ValidationRows, split.ValidationLabels));
                using var fc = new OnnxClassifier(full.OnnxModel);
                var refitTest = ClassificationMetrics.AreaUnderRoc(split.TestLabels, fc.PredictPositive(split.Data, split.TestRows));
                line += $"\n  {family.Name,-20} cv {aucs.Average():F4} pooled {ClassificationMetrics.AreaUnderRoc(labels, oof):F4} holdout-val {valAuc:F4} test {testAuc:F4} refit(train+val, val-stop) test {refitTest:F4} it {holdout.Iterations}/{full.Iterations}";
            }
            output.WriteLine(line);
        }
    }
}
