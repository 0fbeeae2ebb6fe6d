using Platform.Contracts.Solutions;
using Platform.Modeling.Compression;
using Platform.Modeling.Evaluation;
using Platform.Modeling.Training;
using Platform.Modeling.Training.Families;
using Xunit.Abstractions;

namespace Platform.Modeling.Tests;

public class KdExperiment(ITestOutputHelper output)
{
    [Theory]
    [InlineData("retail-churn")]
    [InlineData("finance-credit-risk")]
    public void Measure(string name)
    {
        var solution = SolutionTemplates.Find(name)!;
        foreach (var seed in new[] { 42, 7, 13, 99, 2024 })
        {
            var request = Tables.Request(SharedDatasets.Read(solution.SampleDataset), solution.TargetColumn, solution.PositiveClass, null, seed);
            var selection = new FamilySelectionTrainer().Train(request);
            var teacher = selection.Winner;
            var trees = new FamilySelectionTrainer([new BoostedTreesFamily()], crossValidation: new CrossValidationOptions { Folds = 0 }).Train(request).Winner;
            var best = selection.Candidates.Max(c => c.TestAuc);
            var line = $"{name} seed {seed}: chosen {teacher.Family} {teacher.TestMetrics.RocAuc:F4} (best test {best:F4})";
            line += $" | its student {ModelEvaluation.Evaluate(Distiller.Distill(teacher.OnnxModel, request), request, latencyRuns: 1).TestMetrics.RocAuc:F4}";
            line += $" | trees {trees.TestMetrics.RocAuc:F4}, trees' student {ModelEvaluation.Evaluate(Distiller.Distill(trees.OnnxModel, request), request, latencyRuns: 1).TestMetrics.RocAuc:F4}";
            output.WriteLine(line);
        }
    }
}
