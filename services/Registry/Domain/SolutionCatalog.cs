using Platform.Contracts.Solutions;

namespace Platform.Registry.Domain;

/// <summary>The solutions on offer (defined as data in the contracts) and the registry's defaults.</summary>
public static class SolutionCatalog
{
    public const string BinaryClassification = SolutionTemplates.BinaryClassification;
    public const string MulticlassClassification = SolutionTemplates.MulticlassClassification;
    public const double DefaultAccuracyBudget = 0.01;

    public static IReadOnlyList<SolutionTemplate> All => SolutionTemplates.All;

    public static SolutionTemplate? Find(string name) => SolutionTemplates.Find(name);
}
