using Platform.Contracts.Solutions;
using Platform.Modeling.Training;

namespace Platform.Modeling.Tests;

/// <summary>
/// Models trained once per test run on the finance sample the way Training trains them: the
/// default network (hidden 256, 128) and a wider one (512, 256) whose second layer is large enough
/// to compute in int8 by default. The wide one is trained briefly: its weights only need to be real.
/// </summary>
public sealed class FinanceModels
{
    public static SolutionTemplate Solution { get; } = SolutionTemplates.Find("finance-credit-risk")!;

    public TrainingRequest Request { get; } =
        Tables.Request(SharedDatasets.Read(Solution.SampleDataset), Solution.TargetColumn, Solution.PositiveClass, null, 42);

    private readonly Lazy<TrainedClassifier> _default;
    private readonly Lazy<TrainedClassifier> _wide;

    public FinanceModels()
    {
        _default = new(() => new TabularClassifierTrainer().Train(Request));
        _wide = new(() => new TabularClassifierTrainer(new() { HiddenLayers = [512, 256], MaxEpochs = 3 }).Train(Request));
    }

    public TrainedClassifier Default => _default.Value;
    public TrainedClassifier Wide => _wide.Value;
}
